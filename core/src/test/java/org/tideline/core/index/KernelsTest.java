package org.tideline.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tideline.core.pdq.PdqHash;

class KernelsTest {

    @Test
    void vector_kernels_load_whenever_the_vector_module_is_present() {
        // surefire starts the JVM with --add-modules=jdk.incubator.vector, so both kernels are tested everywhere
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(Kernels.vector(true)).isPresent();
        assertThat(TestHashes.allKernels()).hasSize(2);
    }

    @Test
    void preferred_kernels_follow_the_cpu_unless_forced() {
        String forced = System.getProperty(Kernels.PROPERTY, "auto");
        String chosen = Kernels.preferred().describe();
        if (forced.equals("scalar")) assertThat(chosen).isEqualTo("scalar");
        if (forced.equals("vector")) assertThat(chosen).startsWith("vector");
        if (forced.equals("auto")) {
            assertThat(chosen).isEqualTo(Kernels.vector().map(Kernels::describe).orElse("scalar"));
        }
    }

    @Test
    void scalar_and_vector_filters_keep_the_same_entries() {
        Kernels scalar = Kernels.scalar();
        Kernels vector = Kernels.vector(true).orElseThrow();
        SplittableRandom rnd = new SplittableRandom(7);
        List<PdqHash> stored = TestHashes.clusteredHashes(20_000, rnd);
        Segment segment = SegmentBuilder.build(HashType.PDQ, TestHashes.buffer(stored), SegmentBuilder.inMemory());
        for (PdqHash q : TestHashes.queries(stored, 50, rnd)) {
            for (int t : new int[] {0, 8, 31, 47}) {
                RadiusPlan plan = QueryPlanner.plan(segment.layout(), segment.count(), t, false);
                Probes a = new Probes();
                Probes b = new Probes();
                long total = SegmentSearch.gather(segment, TestHashes.words(q), plan, a);
                SegmentSearch.gather(segment, TestHashes.words(q), plan, b);
                a.candidates(total);
                b.candidates(total);
                int na = scalar.filter(segment.ent(), a, segment.layout().ordinalBits());
                int nb = vector.filter(segment.ent(), b, segment.layout().ordinalBits());
                assertThat(nb).isEqualTo(na);
                for (int k = 0; k < na; k++) assertThat(b.candidates[k]).isEqualTo(a.candidates[k]);
            }
        }
    }
}
