package org.tideline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files named on a command line, in order: a file as given; a directory replaced by every regular file
 * beneath it, sorted by path; a path that does not exist kept, so it gets its own error line.
 */
final class InputFiles {

    private InputFiles() {
    }

    static List<Path> expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> walk = Files.walk(argument)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list directory " + argument, e);
                }
            } else {
                files.add(argument);
            }
        }
        return files;
    }
}
