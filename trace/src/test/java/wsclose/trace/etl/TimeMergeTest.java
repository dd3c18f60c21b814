package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etw.Guid;
import wsclose.trace.testing.EtlWriter;

/**
 * The time-ordered walk of one file against the merge's definition: at every step the stream whose next event has
 * the smallest (timestamp, buffer's file-order index) goes first. Streams tie often (a coarse clock), one stream
 * steps back before every stream's first event, one jumps further ahead than the packed keys hold: those two
 * leave the packed merge for the general one part-way through the walk; one starts that far ahead: the general merge
 * from the start.
 */
class TimeMergeTest {
    @TempDir
    Path dir;

    static final Guid AFD = Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6");
    /**
     * A raw time far before every stream's first event, further back than a packed key can say: shifted up by the
     * buffer index's bits (up to ten), its difference to the first events would turn into a large positive key.
     */
    static final long BACK = Long.MIN_VALUE + 5 * (1L << 50) + 1_000_000;

    /** One event as the walk handed it out: its stream (by its buffer), raw time, buffer and record. */
    record Ev(int stream, long ts, long buffer, int record) {
    }

    /**
     * Three busy processors with 3,000 events each on a clock that ticks every 7th event, in 4 KB buffers (many of
     * them), and a quiet one with an event a tick before every 100th: its one buffer holds events from the whole
     * trace and is written last, so it is read beside buffers hundreds of places before it in the file (the buffer
     * index's top bit against low ones). cpu 1's times go through {@code cpu1}. The events of cpu 2 numbered in
     * {@code back} then get the raw time {@link #BACK} in the bytes (the writer keeps each processor in time order;
     * a damaged or odd file need not).
     */
    static byte[] trace(LongUnaryOperator cpu1, int... back) {
        EtlWriter w = EtlWriter.builder().processors(4).bufferSize(4096).build();
        List<Integer> index = new ArrayList<>(); // record number -> cpu 2's step, -1 for the others
        for (int i = 0; i < 3000; i++) {
            long ts = 1_000_000L + (i / 7) * 10L;
            if (i % 100 == 0) {
                w.event(3, ts - 1, AFD, 1000, 0, 0, 4, 0, 0, 4321, 103, new byte[24]);
                index.add(-1);
            }
            for (int cpu = 0; cpu < 3; cpu++) {
                w.event(cpu, cpu == 1 ? cpu1.applyAsLong(ts) : ts, AFD, 1000, 0, 0, 4, 0, 0, 4321, 100 + cpu,
                        new byte[24 + 8 * (i % 3)]);
                index.add(cpu == 2 ? i : -1);
            }
        }
        byte[] bytes = w.toBytes();
        List<EtlWriter.Placement> at = w.placements();
        for (int i : back) {
            EtlWriter.Placement p = at.get(index.indexOf(i));
            assertThat(p.cpu()).isEqualTo(2);
            int ts = p.buffer() * 4096 + p.offset() + 0x10; // EVENT_HEADER TimeStamp (etl-format.md §A.5.2)
            for (int b = 0; b < 8; b++) {
                bytes[ts + b] = (byte) (BACK >>> 8 * b);
            }
        }
        return bytes;
    }

    List<Ev> walk(byte[] bytes, String name) throws IOException {
        Path p = Files.write(dir.resolve(name), bytes);
        Map<Long, Integer> streamOf = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(p)) {
            BufferIndex index = BufferIndex.scan(ch, ch.size(), 1 << 20, new ReadProblems());
            for (BufferIndex.Stream s : index.streams.values()) {
                for (int i = 0; i < s.size; i++) {
                    streamOf.put(s.indexes[i], s.key);
                }
            }
        }
        List<Ev> seen = new ArrayList<>();
        try (EtlFile f = EtlFile.open(p)) {
            f.forEach(e -> seen.add(new Ev(streamOf.get(e.bufferIndex()), e.timestamp(), e.bufferIndex(), e.recordOffset())));
        }
        return seen;
    }

    /** The merge by its definition: each stream's events in the order the walk gave them, then merged head by head. */
    static List<Ev> byDefinition(List<Ev> walked) {
        Map<Integer, List<Ev>> streams = new LinkedHashMap<>();
        for (Ev e : walked) {
            streams.computeIfAbsent(e.stream(), k -> new ArrayList<>()).add(e);
        }
        List<List<Ev>> heads = new ArrayList<>(streams.values());
        int[] at = new int[heads.size()];
        List<Ev> out = new ArrayList<>();
        while (out.size() < walked.size()) {
            int best = -1;
            for (int s = 0; s < heads.size(); s++) {
                if (at[s] == heads.get(s).size()) {
                    continue;
                }
                Ev e = heads.get(s).get(at[s]);
                Ev b = best < 0 ? null : heads.get(best).get(at[best]);
                if (b == null || e.ts() < b.ts() || e.ts() == b.ts() && e.buffer() < b.buffer()) {
                    best = s;
                }
            }
            out.add(heads.get(best).get(at[best]++));
        }
        return out;
    }

    /** Events whose time another stream's event has too. */
    static long ties(List<Ev> walked) {
        Map<Long, Set<Integer>> streams = new LinkedHashMap<>();
        for (Ev e : walked) {
            streams.computeIfAbsent(e.ts(), k -> new HashSet<>()).add(e.stream());
        }
        return walked.stream().filter(e -> streams.get(e.ts()).size() > 1).count();
    }

    @Test
    void equalTimestampsOfDifferentStreamsGoInBufferOrder() throws IOException {
        List<Ev> walked = walk(trace(t -> t), "ties.etl");
        assertThat(walked).hasSizeGreaterThan(9_000);
        assertThat(walked.stream().map(Ev::buffer).distinct().count()).as("buffers").isGreaterThan(100);
        assertThat(ties(walked)).as("ties between streams").isGreaterThan(5_000);
        assertThat(walked).isEqualTo(byDefinition(walked));
    }

    @Test
    void aStreamSteppingBackBeforeEveryFirstEventStillMergesByDefinition() throws IOException {
        List<Ev> walked = walk(trace(t -> t, 1500, 1501, 1502, 1503, 1504, 1505, 1506), "back.etl");
        assertThat(walked.stream().filter(e -> e.ts() == BACK)).hasSize(7);
        assertThat(ties(walked)).isGreaterThan(5_000);
        assertThat(walked).isEqualTo(byDefinition(walked));
    }

    @Test
    void aStreamJumpingFurtherThanThePackedKeysHoldStillMergesByDefinition() throws IOException {
        long far = 1L << 58; // past 2^56: more than 100 buffers leave a packed key at most 56 bits of time
        List<Ev> walked = walk(trace(t -> t > 1_000_000L + 2000 / 7 * 10L ? t + far : t), "far.etl");
        assertThat(walked.stream().filter(e -> e.ts() > far)).hasSizeGreaterThan(900);
        assertThat(ties(walked)).isGreaterThan(5_000);
        assertThat(walked).isEqualTo(byDefinition(walked));
    }

    @Test
    void aStreamStartingFurtherThanThePackedKeysHoldMergesByDefinitionFromTheStart() throws IOException {
        long far = 1L << 58;
        List<Ev> walked = walk(trace(t -> t + far), "far-first.etl");
        assertThat(walked.stream().filter(e -> e.ts() > far)).hasSize(3000);
        assertThat(ties(walked)).isGreaterThan(5_000);
        assertThat(walked).isEqualTo(byDefinition(walked));
    }
}
