package wsclose.trace.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The model's open-addressing map behaves like a HashMap under any mix of puts and removes. */
class LongMapTest {
    @Property(tries = 200)
    void behavesLikeAHashMap(@ForAll @LongRange(min = 1, max = 1 << 20) long seed, @ForAll @IntRange(min = 1, max = 3000) int ops) {
        java.util.Random r = new java.util.Random(seed);
        LongMap<Long> m = new LongMap<>();
        Map<Long, Long> ref = new HashMap<>();
        // Keys shaped like kernel addresses: aligned and close together, plus a few wild ones and 0 (a pid or thread
        // id can be 0; the map marks its empty slots with key 0 and holds that key apart).
        long previous = 0;
        for (int i = 0; i < ops; i++) {
            // a key repeats the one before half of the time, as the events of one socket come in runs (the map
            // remembers its last hit: every change must keep that right)
            int kind = r.nextInt(16);
            long key = r.nextBoolean() ? previous : kind == 0 ? 0 : kind == 1 ? r.nextLong() : 0xffffa50c40000000L + 0x200L * r.nextInt(512);
            previous = key;
            switch (r.nextInt(7)) {
                case 4:
                case 5:
                    assertThat(m.get(key)).isEqualTo(ref.get(key));
                    break;
                case 6:
                    if (r.nextInt(50) == 0) {
                        m.clear();
                        ref.clear();
                    } else {
                        assertThat(m.put(key, null)).isEqualTo(ref.remove(key));
                    }
                    break;
                case 0:
                case 1: {
                    Long value = (long) i; // one box for both maps: remove(key, value) compares identity
                    assertThat(m.put(key, value)).isEqualTo(ref.put(key, value));
                    break;
                }
                case 2:
                    assertThat(m.remove(key)).isEqualTo(ref.remove(key));
                    break;
                default:
                    Long v = ref.get(key);
                    assertThat(m.remove(key, v)).isEqualTo(v != null && ref.remove(key, v));
                    break;
            }
            assertThat(m.size()).isEqualTo(ref.size());
        }
        for (Map.Entry<Long, Long> e : ref.entrySet()) {
            assertThat(m.get(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(m.values()).containsExactlyInAnyOrderElementsOf(ref.values());
        assertThat(m.keys()).hasSize(ref.size());
        assertThat(java.util.Arrays.stream(m.keys()).boxed().toList()).containsExactlyInAnyOrderElementsOf(ref.keySet());
    }
}
