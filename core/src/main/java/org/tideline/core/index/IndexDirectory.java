package org.tideline.core.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An index's directory: the segment, liveness and manifest files, and the lock that admits one writing process.
 *
 * <p>Crash safety rests on three rules: every file is written under a temporary name, forced to disk, then
 * renamed (and the directory forced), so a visible name is a whole file; a commit's manifest is written after all
 * the files it names; and no file named by the newest manifest is ever modified or deleted. A crash at any point
 * therefore leaves the previous manifest and all its files intact; leftovers (temporary files, files no manifest
 * names) are deleted by the next writer to open the directory.
 */
final class IndexDirectory implements AutoCloseable {

    static final String LOCK_FILE = "write.lock";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private IndexDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens for writing: creates the directory if needed and takes the writer lock. */
    static IndexDirectory openForWriting(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("index " + dir + " is open for writing elsewhere");
        }
        return new IndexDirectory(dir, ch, lock);
    }

    /** Opens for reading only: no lock, no writes, no clean-up. */
    static IndexDirectory openForReading(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no index directory");
        }
        return new IndexDirectory(dir, null, null);
    }

    boolean writable() {
        return lock != null;
    }

    Path path() {
        return dir;
    }

    Path segmentFile(long number) {
        return dir.resolve(String.format(Locale.ROOT, "seg-%012d%s", number, SegmentFile.SUFFIX));
    }

    String livenessFileName(long number, long generation) {
        return String.format(Locale.ROOT, "seg-%012d.%d%s", number, generation, LivenessFile.SUFFIX);
    }

    /** The newest manifest, or null when the directory holds no committed index. */
    Manifest latest() throws IOException {
        long best = -1;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(Manifest.PREFIX) && !name.endsWith(".tmp")) {
                    try {
                        best = Math.max(best, Long.parseLong(name.substring(Manifest.PREFIX.length())));
                    } catch (NumberFormatException e) {
                        // not ours
                    }
                }
            }
        }
        if (best < 0) return null;
        String name = Manifest.fileName(best);
        Manifest manifest = Manifest.decode(name, Files.readAllBytes(dir.resolve(name)));
        if (manifest.generation() != best) {
            throw new CorruptIndexException(name + ": names generation " + manifest.generation());
        }
        return manifest;
    }

    void writeManifest(Manifest manifest) throws IOException {
        Path file = dir.resolve(Manifest.fileName(manifest.generation()));
        Path tmp = SegmentFile.temporary(file);
        writeDurably(tmp, manifest.encode());
        SegmentFile.publish(tmp, file);
    }

    /** Deletes every file the manifest does not name (older manifests, replaced segments, leftovers). */
    void deleteUnreferenced(Manifest manifest) throws IOException {
        Set<String> keep = new HashSet<>();
        keep.add(LOCK_FILE);
        keep.add(Manifest.fileName(manifest.generation()));
        for (Manifest.Ref ref : manifest.segments()) {
            keep.add(segmentFile(ref.number()).getFileName().toString());
            if (!ref.livenessFile().isEmpty()) keep.add(ref.livenessFile());
        }
        List<Path> doomed;
        try (Stream<Path> files = Files.list(dir)) {
            doomed = files.filter(p -> !keep.contains(p.getFileName().toString()) && isOurs(p)).toList();
        }
        for (Path p : doomed) Files.deleteIfExists(p);
    }

    private static boolean isOurs(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(Manifest.PREFIX) || (n.startsWith("seg-")
                && (n.endsWith(SegmentFile.SUFFIX) || n.endsWith(LivenessFile.SUFFIX) || n.endsWith(".tmp")));
    }

    static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
    }

    /** Forces a directory's entries (a rename) to disk; where the platform cannot, the rename is still atomic. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open directories; nothing more can be done there.
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
        } catch (IOException e) {
            // releasing on close: the OS drops the lock with the process anyway
        }
    }
}
