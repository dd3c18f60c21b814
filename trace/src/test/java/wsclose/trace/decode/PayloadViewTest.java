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
                        // by key, as the mappings read: keys made after the plan was compiled are resolved late
                        assertThat(view.getLong(FieldKey.of(f.name()), -7)).as("%s.%s by key", layout.name(), f.name())
                                .isEqualTo(full.getLong(f.name(), -7));
                        compared++;
                    }
                    assertThat(view.getLong(FieldKey.of("NoSuchField"), -7)).isEqualTo(-7);
                    assertThat(view.getLong("NoSuchField", -7)).isEqualTo(-7);
                    assertThat(view.get("NoSuchField")).isNull();
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(problems).isGreaterThan(100);
    }

    /**
     * A lazy text kept past its event (the decode-ahead hand-over, SocketEvent.keepTexts) must say what the
     * full decode said of the original bytes, after those bytes are overwritten and the view is bound to another
     * payload; a kept text is refilled in place; only socket addresses are kept as bytes.
     */
    @Test
    void keptAddressesOutliveTheirPayload() {
        PayloadView view = new PayloadView();
        int kept = 0;
        for (Layout layout : Layouts.builtIn().all()) {
            for (Field f : layout.fields()) {
                PayloadView.Plan plan = new PayloadView.Plan(layout, 8);
                for (int round = 0; round < 20; round++) {
                    byte[] payload = payload(layout, 8);
                    if (f.type() == FieldType.SOCKADDR && round % 2 == 0) {
                        writeSockaddr(layout, f, payload, round % 4 == 0);
                    }
                    EtwEvent ev = new EtwEvent().set(HeaderKind.EVENT, 0, 0, null, 1, 0).pointerSize(8)
                            .payload(payload, 0, payload.length);
                    Decoded full = LayoutDecoder.decode(layout, payload, 0, payload.length, 8);
                    if (full.problem() != null || view.bind(plan, ev).problem() != null) {
                        continue;
                    }
                    wsclose.trace.model.SocketEvent.LazyText later = view.later(FieldKey.of(f.name()));
                    wsclose.trace.model.SocketEvent.LazyText k = later.keep(null);
                    if (f.type() != FieldType.SOCKADDR) {
                        assertThat(k).as("%s.%s", layout.name(), f.name()).isNull();
                        continue;
                    }
                    assertThat(k).isNotNull();
                    assertThat(later.keep(k)).isSameAs(k);
                    java.util.Arrays.fill(payload, (byte) 0x5A);
                    view.bind(plan, new EtwEvent().set(HeaderKind.EVENT, 0, 0, null, 1, 0).pointerSize(8)
                            .payload(payload(layout, 8), 0, 64));
                    assertThat(k.text()).as("%s.%s", layout.name(), f.name()).isEqualTo(String.valueOf(full.get(f.name())));
                    kept++;
                }
            }
        }
        assertThat(kept).isGreaterThan(20);
    }

    /**
     * Both addresses of one payload (a TCP connection event's local and remote) deferred at once, built straight into
     * an event ({@code decodeInto}'s way) and detached by keepTexts: each says what the full decode said after the
     * payload's bytes are gone; a third deferred text of the same payload is made at once and still right.
     */
    @Test
    void twoAddressesOfOnePayloadAreKeptApart() {
        PayloadView view = new PayloadView();
        int kept = 0;
        int v4 = 0;
        for (Layout layout : Layouts.builtIn().all()) {
            List<Field> addrs = layout.fields().stream().filter(f -> f.type() == FieldType.SOCKADDR).toList();
            if (addrs.size() < 2) {
                continue;
            }
            PayloadView.Plan plan = new PayloadView.Plan(layout, 8);
            for (int round = 0; round < 40; round++) {
                byte[] payload = payload(layout, 8);
                writeSockaddr(layout, addrs.get(0), payload, round % 2 == 0);
                EtwEvent ev = new EtwEvent().set(HeaderKind.EVENT, 0, 0, null, 1, 0).pointerSize(8)
                        .payload(payload, 0, payload.length);
                Decoded full = LayoutDecoder.decode(layout, payload, 0, payload.length, 8);
                if (full.problem() != null || view.bind(plan, ev).problem() != null) {
                    continue;
                }
                wsclose.trace.model.SocketEvent e = wsclose.trace.model.SocketEvent.blank();
                wsclose.trace.model.SocketEvent.Builder.into(e).localLater(view.later(FieldKey.of(addrs.get(0).name())))
                        .remoteLater(view.later(FieldKey.of(addrs.get(1).name())));
                wsclose.trace.model.SocketEvent.LazyText third = view.later(FieldKey.of(addrs.get(1).name()));
                e.keepTexts();
                String thirdText = third.text();
                java.util.Arrays.fill(payload, (byte) 0x5A);
                view.bind(plan, new EtwEvent().set(HeaderKind.EVENT, 0, 0, null, 1, 0).pointerSize(8)
                        .payload(payload(layout, 8), 0, 64));
                assertThat(e.local()).as("%s local", layout.name()).isEqualTo(String.valueOf(full.get(addrs.get(0).name())));
                assertThat(e.remote()).as("%s remote", layout.name()).isEqualTo(String.valueOf(full.get(addrs.get(1).name())));
                assertThat(thirdText).isEqualTo(e.remote());
                // an IPv4 address is kept as its key alone: the same key as the full decode's text gives
                wsclose.trace.model.SocketEvent texts = wsclose.trace.model.SocketEvent.blank();
                wsclose.trace.model.SocketEvent.Builder.into(texts).local(String.valueOf(full.get(addrs.get(0).name())))
                        .remote(String.valueOf(full.get(addrs.get(1).name())));
                long localKey = texts.localIp4();
                assertThat(e.localIp4()).as("%s local key", layout.name()).isEqualTo(localKey);
                assertThat(e.remoteIp4()).as("%s remote key", layout.name()).isEqualTo(texts.remoteIp4());
                if (round % 2 == 1) {
                    assertThat(localKey).as("%s: an AF_INET address has a key", layout.name()).isNotZero();
                    v4++;
                }
                kept++;
            }
        }
        assertThat(kept).isGreaterThan(20);
        assertThat(v4).isGreaterThan(10);
    }

    /** An AF_INET or AF_INET6 address where {@code f} starts, its length field (if any) set to match. */
    private static void writeSockaddr(Layout layout, Field f, byte[] b, boolean v6) {
        int p = 0;
        for (Field g : layout.fields()) {
            if (g == f) {
                break;
            }
            int size = PayloadView.fixedSize(g, 8);
            if (size < 0) {
                return; // after a variable field: leave the random bytes
            }
            if (g.name().equals(f.lengthField())) {
                b[p] = (byte) (v6 ? 28 : 16);
                for (int i = 1; i < size; i++) {
                    b[p + i] = 0;
                }
            }
            p += size;
        }
        b[p] = (byte) (v6 ? 23 : 2);
        b[p + 1] = 0;
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
