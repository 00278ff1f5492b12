package org.tideline.core.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tideline.core.image.HostileFiles.Case;
import org.tideline.core.media.MediaHasher;
import org.tideline.core.pdq.PdqMode;

/**
 * Hashes the hostile corpus written to the directory given as the only argument, each file under its case's
 * limits, through {@link MediaHasher#hash(Path)}, and prints one line per file: {@code name<TAB>KIND<TAB>message}
 * for a refusal, {@code name<TAB>HASHED<TAB>hash} for a file that was (wrongly) hashed, and
 * {@code name<TAB>THREW<TAB>throwable} for anything else, such as an {@link OutOfMemoryError}; the exit code is 3
 * when anything was thrown. {@link HostileFilesTest} runs it in a child JVM with a small heap.
 */
public final class HostileFilesMain {

    private HostileFilesMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        List<Case> cases = new ArrayList<>(HostileFiles.corpus());
        cases.add(HostileFiles.budgetBomb());
        boolean threw = false;
        for (Case c : cases) {
            MediaHasher hasher = new MediaHasher(DecodeOptions.defaults().withLimits(c.limits()), PdqMode.FULL, false);
            String outcome;
            try {
                outcome = "HASHED\t" + hasher.hash(dir.resolve(c.name())).pdq().hash().toHex();
            } catch (ImageRejectedException e) {
                outcome = e.kind().name() + "\t" + e.getMessage();
            } catch (Throwable t) {
                threw = true;
                outcome = "THREW\t" + t;
            }
            System.out.println(c.name() + "\t" + outcome);
        }
        System.out.flush();
        System.exit(threw ? 3 : 0);
    }
}
