package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fd walk on a /proc-shaped tree of symlinks, as the kernel shows sockets ("socket:[INODE]"). */
class ProcScanTest {
    @TempDir
    Path proc;

    private void process(int pid, String comm, Object... fdLinks) throws IOException {
        Path p = Files.createDirectories(proc.resolve(pid + "/fd"));
        Files.writeString(proc.resolve(pid + "/comm"), comm + "\n");
        Files.writeString(proc.resolve(pid + "/status"), "Name:\t" + comm + "\nTgid:\t" + pid + "\nUid:\t0\t1000\t0\t0\n");
        for (int i = 0; i < fdLinks.length; i += 2) {
            Files.createSymbolicLink(p.resolve(fdLinks[i].toString()), Path.of(fdLinks[i + 1].toString()));
        }
    }

    @Test
    void socketsOfEveryProcess() throws IOException {
        process(10, "server", 0, "anon_inode:[eventfd]", 3, "socket:[111]", 4, "pipe:[5]", 7, "socket:[112]");
        process(12, "worker", 3, "socket:[111]");
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("net"));
        List<ProcScan.Proc> ps = ProcScan.scan(proc, pid -> true);
        assertThat(ps).extracting(ProcScan.Proc::pid).containsExactly(10, 12);
        assertThat(ps.get(0).comm()).isEqualTo("server");
        assertThat(ps.get(0).sockets()).containsExactly(new ProcScan.Fd(3, 111), new ProcScan.Fd(7, 112));
        assertThat(ps.get(1).sockets()).containsExactly(new ProcScan.Fd(3, 111));
        assertThat(ProcScan.scan(proc, pid -> pid == 12)).hasSize(1);
        assertThat(ProcScan.inodeOf(proc, 10, 7)).isEqualTo(112);
        assertThat(ProcScan.inodeOf(proc, 10, 4)).isEqualTo(-1);
        assertThat(ProcScan.inodeOf(proc, 10, 99)).isEqualTo(-1);
        assertThat(ProcScan.tgid(proc, 12)).isEqualTo(12);
        assertThat(ProcScan.tgid(proc, 999)).isEqualTo(-1);
    }

    @Test
    void socketLinks() {
        assertThat(ProcScan.socketInode("socket:[113451]")).isEqualTo(113451);
        assertThat(ProcScan.socketInode("socket:[]")).isEqualTo(-1);
        assertThat(ProcScan.socketInode("anon_inode:[eventpoll]")).isEqualTo(-1);
        assertThat(ProcScan.socketInode("dir/socket:[1]")).isEqualTo(-1);
    }

    @Test
    void effectiveUidIsTheSecondColumn() throws IOException {
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/status"), "Name:\tjava\nUid:\t1000\t0\t1000\t1000\n");
        assertThat(ProcScan.effectiveUid(proc)).isZero();
    }
}
