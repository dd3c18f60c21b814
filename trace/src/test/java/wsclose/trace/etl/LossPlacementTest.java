package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etw.Guid;
import wsclose.trace.testing.EtlWriter;

/**
 * Where a file says events are missing (EtlFile.losses): the gaps on both sides of a buffer flagged EVENTS_LOST,
 * the gap a damaged buffer leaves in its stream, everywhere for a loss that no buffer places.
 */
class LossPlacementTest {
    @TempDir
    Path dir;

    static final Guid AFD = Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6");

    /** One event as the walk handed it out. */
    record Seen(int cpu, long fileTime, long buffer) {
    }

    /** 200 events per CPU on two CPUs, 1 ms apart; the CPU 0 session loses an event after its 100th. */
    static EtlWriter twoCpus(boolean lose) {
        EtlWriter w = EtlWriter.builder().processors(2).bufferSize(4096).build();
        for (int i = 0; i < 200; i++) {
            for (int cpu = 0; cpu < 2; cpu++) {
                long ts = 1_000_000L + i * 10_000L + cpu;
                w.event(cpu, ts, AFD, 1000, 0, 0, 4, 0, 0, 4321, 99 + cpu, new byte[60]);
            }
            if (lose && i == 99) {
                w.eventLostAt(0, 1_000_000L + i * 10_000L + 5_000);
            }
        }
        return w;
    }

    record Walk(List<Seen> seen, long[][] windows) {
        List<Seen> cpu(int c) {
            return seen.stream().filter(s -> s.cpu() == c && s.buffer() != 0).toList(); // not the header buffer
        }
    }

    Walk walk(byte[] bytes, String name) throws IOException {
        Path p = Files.write(dir.resolve(name), bytes);
        try (EtlFile f = EtlFile.open(p)) {
            List<Seen> seen = new ArrayList<>();
            f.forEach(e -> seen.add(new Seen(e.processor(), e.fileTime(), e.bufferFileOffset())));
            return new Walk(seen, f.losses().windows());
        }
    }

    @Test
    void aFlaggedBufferPlacesTheLossInTheGapsBeforeAndAfterIt() throws IOException {
        EtlWriter w = twoCpus(true);
        w.eventsLost(1);
        Walk r = walk(w.toBytes(), "flagged.etl");
        List<Seen> c0 = r.cpu(0);
        assertThat(c0).hasSize(200);
        long flagged = c0.get(100).buffer(); // the buffer after the loss
        int last = 100;
        while (last + 1 < c0.size() && c0.get(last + 1).buffer() == flagged) {
            last++;
        }
        assertThat(last + 1).as("more buffers follow the flagged one").isLessThan(200);
        assertThat(r.windows()).isDeepEqualTo(new long[][] {
                new long[] {c0.get(99).fileTime(), c0.get(100).fileTime()},
                new long[] {c0.get(last).fileTime(), c0.get(last + 1).fileTime()}});
    }

    @Test
    void noLossNoWindow() throws IOException {
        assertThat(walk(twoCpus(false).toBytes(), "clean.etl").windows()).isEmpty();
    }

    @Test
    void aLossThatNoBufferPlacesIsEverywhere() throws IOException {
        EtlWriter w = twoCpus(false);
        w.eventsLost(3);
        assertThat(walk(w.toBytes(), "unplaced.etl").windows()).isDeepEqualTo(new long[][] {new long[] {Long.MIN_VALUE, Long.MAX_VALUE}});
    }

    @Test
    void aDamagedBufferLeavesAGapInItsStream() throws IOException {
        byte[] intact = twoCpus(false).toBytes();
        Walk before = walk(intact, "intact.etl");
        List<Seen> c0 = before.cpu(0);
        long victim = c0.get(100).buffer();
        byte[] b = intact.clone();
        b[(int) victim + 0x48 + 3] = 0x12; // the first record's marker byte (§A.4): not 0xC0/0x90, the buffer's rest is lost
        Walk after = walk(b, "damaged.etl");
        int first = 0;
        while (c0.get(first).buffer() != victim) {
            first++;
        }
        int end = first;
        while (end < c0.size() && c0.get(end).buffer() == victim) {
            end++;
        }
        assertThat(after.cpu(0)).hasSize(200 - (end - first));
        assertThat(after.windows()).isDeepEqualTo(new long[][] {new long[] {c0.get(first - 1).fileTime(), c0.get(end).fileTime()}});
    }

    @Test
    void aCutFileMayLackEverythingAfterItsEarliestStreamEnds() throws IOException {
        byte[] intact = twoCpus(false).toBytes();
        Walk r = walk(java.util.Arrays.copyOf(intact, intact.length - 1000), "cut.etl");
        long[][] w = r.windows();
        assertThat(w).hasNumberOfRows(1);
        assertThat(w[0][1]).as("to the end").isEqualTo(Long.MAX_VALUE);
        long lastOfCpu0 = r.cpu(0).get(r.cpu(0).size() - 1).fileTime();
        long lastOfCpu1 = r.cpu(1).get(r.cpu(1).size() - 1).fileTime();
        assertThat(w[0][0]).as("no later than the earlier stream's last event").isLessThanOrEqualTo(Math.max(lastOfCpu0, lastOfCpu1));
    }
}
