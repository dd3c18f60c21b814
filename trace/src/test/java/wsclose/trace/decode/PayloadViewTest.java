package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.HeaderKind;

/**
 * The in-place view the socket decoder reads must say exactly what the full decode says: the same value for
 * every field, the same problem for a payload that does not fit. Checked over every built-in layout, both
 * pointer sizes, and payloads cut at every length, with length fields that are sometimes plausible and
 * sometimes lying.
 */
class PayloadViewTest {
    private static final Random RANDOM = new Random(20261203);

    @Test
    void agreesWithTheFullDecodeOnEveryBuiltInLayout() {
        List<Layout> all = Layouts.builtIn().all();
        assertThat(all).hasSizeGreaterThan(50);
        PayloadView view = new PayloadView();
        int compared = 0;
        int problems = 0;
        for (Layout layout : all) {
            for (int ptr : new int[] {4, 8}) {
                PayloadView.Plan plan = new PayloadView.Plan(layout, ptr);
                for (int round = 0; round < 40; round++) {
                    byte[] payload = payload(layout, ptr);
                    int len = round % 4 == 0 ? RANDOM.nextInt(payload.length + 1) : payload.length;
                    EtwEvent ev = new EtwEvent().set(HeaderKind.EVENT, 0, 0, null, 1, 0).pointerSize(ptr)
                            .payload(payload, 0, len);
                    Decoded full = LayoutDecoder.decode(layout, payload, 0, len, ptr);
                    view.bind(plan, ev);
                    assertThat(view.problem()).as("%s ptr %d len %d", layout.name(), ptr, len).isEqualTo(full.problem());
                    if (full.problem() != null) {
                        problems++;
                        continue;
                    }
                    for (Field f : layout.fields()) {
                        Object want = full.get(f.name());
                        Object got = view.get(f.name());
                        // Hex of bytes compares its array by identity: compare the type and the text
                        assertThat(got == null ? null : got.getClass()).as("%s.%s", layout.name(), f.name())
                                .isEqualTo(want == null ? null : want.getClass());
                        assertThat(String.valueOf(got)).as("%s.%s", layout.name(), f.name()).isEqualTo(String.valueOf(want));
                        assertThat(view.getLong(f.name(), -7)).as("%s.%s", layout.name(), f.name())
                                .isEqualTo(full.getLong(f.name(), -7));
                        compared++;
                    }
                    assertThat(view.getLong("NoSuchField", -7)).isEqualTo(-7);
                    assertThat(view.get("NoSuchField")).isNull();
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(problems).isGreaterThan(100);
    }

    /**
     * Random bytes long enough for the layout, with each length or count field set small (usually fitting)
     * and NUL-terminated strings ending somewhere inside.
     */
    private static byte[] payload(Layout layout, int ptr) {
        byte[] b = new byte[64 + layout.fields().size() * 24];
        RANDOM.nextBytes(b);
        int p = 0;
        for (Field f : layout.fields()) {
            int size = PayloadView.fixedSize(f, ptr);
            boolean isLength = layout.fields().stream().anyMatch(g -> f.name().equals(g.lengthField()) || f.name().equals(g.countField()));
            if (isLength && p + 8 <= b.length) {
                long v = RANDOM.nextInt(10) == 0 ? RANDOM.nextInt() : RANDOM.nextInt(17);
                for (int i = 0; i < Math.max(size, 1) && p + i < b.length; i++) {
                    b[p + i] = (byte) (v >> (8 * i));
                }
            }
            if (size < 0) {
                // a variable field: let a NUL pair appear soon so strings end inside the payload
                int at = p + RANDOM.nextInt(12) * 2;
                if (at + 1 < b.length) {
                    b[at] = 0;
                    b[at + 1] = 0;
                }
                if (f.type() == FieldType.SID || f.type() == FieldType.KERNEL_SID) {
                    if (p + 2 < b.length) {
                        b[p + 1] = (byte) RANDOM.nextInt(6);
                    }
                }
                p += 16;
            } else {
                p += size;
            }
        }
        return b;
    }
}
