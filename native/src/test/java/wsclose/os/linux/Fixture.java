package wsclose.os.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Event formats and trace_pipe lines recorded on Linux 6.18 (test resources tracefs-6.18/). */
final class Fixture {
    static final String DIR = "/tracefs-6.18/";
    static final List<String> EVENTS = List.of("inet_sock_set_state", "tcp_send_reset", "tcp_receive_reset", "tcp_destroy_sock",
            "sock_send_length", "sched_process_fork", "sched_process_exit", "sched_process_exec");
    static final List<String> SYSCALLS = List.of("socket", "accept4", "close", "dup", "dup2", "setsockopt", "connect", "listen",
            "sendto", "write", "close_range", "recvmsg", "fcntl", "shutdown", "dup3", "read");

    private Fixture() {
    }

    static String text(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, EventFormat> formats() {
        Map<String, EventFormat> out = new HashMap<>();
        List<String> names = new ArrayList<>(EVENTS);
        for (String s : SYSCALLS) {
            names.add("sys_enter_" + s);
            names.add("sys_exit_" + s);
        }
        for (String n : names) {
            out.put(n, EventFormat.parse(text(n + ".format")));
        }
        return out;
    }

    static List<String> lines(String name) {
        return text(name).lines().filter(l -> !l.isBlank()).toList();
    }
}
