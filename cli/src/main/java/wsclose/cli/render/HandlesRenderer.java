package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wsclose.os.HandlesSnapshot;
import wsclose.os.SocketSnapshot;
import wsclose.trace.etw.Times;

/**
 * {@code wsclose handles} output: a table for people, one JSON document ({"format": 1, "kind": "wsclose-handles"},
 * described by docs/handles.schema.json; unknown numbers as null) or CSV with a header row. Each platform's own
 * conventions: Linux inodes and fds in decimal (as ss and /proc/PID/fd show them), Windows objects, endpoints and
 * handles in hex; cookies in hex on both (ss -e prints them so).
 */
public final class HandlesRenderer {
    public static final String KIND = "wsclose-handles";
    static final String CSV_HEADER = "id,inode,cookie,family,type,state,local,remote,refcount,in_flight,owners,send_queue,"
            + "recv_queue,unacked,not_sent,linger,risks";

    private HandlesRenderer() {
    }

    public static void table(PrintWriter out, HandlesSnapshot s, int width) {
        out.println("wsclose handles: " + s.sockets().size() + " socket(s) at " + Times.iso(s.time()) + " (" + s.platform() + ")");
        if (!s.sockets().isEmpty()) {
            boolean linux = linux(s);
            Table t = new Table(linux ? "INODE" : "SOCKET", "PROTO", "STATE", "LOCAL", "REMOTE", "REFS",
                    linux ? "OWNERS (pid:fd)" : "OWNERS (pid:handle)", "SEND-Q", "RECV-Q", "NOT-SENT", "LINGER")
                    .numeric(0, 5, 7, 8, 9).shrinkable(6);
            for (SocketSnapshot k : s.sockets()) {
                t.row(k.inode() != 0 ? Long.toString(k.inode()) : k.id(), proto(k), k.state(), k.local(), remote(k),
                        refs(k), owners(k, linux), n(k.sendQueue()), n(k.recvQueue()), n(k.notSent()), linger(k.linger()));
            }
            t.print(out, "", width);
        }
        List<String> risks = new ArrayList<>();
        for (SocketSnapshot k : s.sockets()) {
            for (String r : k.risks()) {
                risks.add("  " + (k.inode() != 0 ? Long.toString(k.inode()) : k.id()) + " " + k.local() + " -> " + k.remote()
                        + ": " + r);
            }
        }
        if (!risks.isEmpty()) {
            out.println();
            out.println("RISKS");
            risks.forEach(out::println);
        }
        if (!s.limitations().isEmpty()) {
            out.println();
            out.println("NOT SHOWN");
            s.limitations().forEach(l -> out.println("  " + l));
        }
    }

    public static void json(PrintWriter out, HandlesSnapshot s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", Json.FORMAT);
        doc.put("kind", KIND);
        doc.put("platform", s.platform());
        doc.put("time", Times.iso(s.time()));
        List<Object> sockets = new ArrayList<>();
        for (SocketSnapshot k : s.sockets()) {
            sockets.add(socket(k, linux(s)));
        }
        doc.put("sockets", sockets);
        doc.put("limitations", s.limitations());
        doc.put("warnings", s.warnings());
        Json.pretty(out, doc);
    }

    static boolean linux(HandlesSnapshot s) {
        return "linux".equals(s.platform());
    }

    /** A fd in decimal on Linux, a handle value in hex on Windows. */
    static String handle(long h, boolean linux) {
        return linux ? Long.toString(h) : Json.hex(h);
    }

    static Map<String, Object> socket(SocketSnapshot k, boolean linux) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("inode", k.inode() != 0 ? Long.toString(k.inode()) : null);
        m.put("cookie", k.cookie() != 0 ? Json.hex(k.cookie()) : null);
        if (k.object() != 0) {
            m.put("object", Json.hex(k.object()));
        }
        m.put("family", k.family());
        m.put("type", k.type());
        m.put("state", k.state());
        m.put("local", k.local());
        m.put("remote", k.remote());
        m.put("refcount", k.refcount() >= 0 ? k.refcount() : null);
        m.put("inFlight", k.inFlight() >= 0 ? k.inFlight() : null);
        List<Object> owners = new ArrayList<>();
        for (SocketSnapshot.Owner o : k.owners()) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("pid", o.pid());
            om.put("handle", handle(o.handle(), linux));
            om.put("process", o.process());
            owners.add(om);
        }
        m.put("owners", owners);
        m.put("sendQueue", num(k.sendQueue()));
        m.put("recvQueue", num(k.recvQueue()));
        m.put("unacked", num(k.unacked()));
        m.put("notSent", num(k.notSent()));
        if (k.linger() == null) {
            m.put("linger", null);
        } else {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("onOff", k.linger().onOff());
            l.put("seconds", k.linger().seconds());
            m.put("linger", l);
        }
        m.put("risks", k.risks());
        return m;
    }

    public static void csv(PrintWriter out, HandlesSnapshot s) {
        out.println(CSV_HEADER);
        for (SocketSnapshot k : s.sockets()) {
            out.println(String.join(",", CsvReportWriter.q(k.id()), k.inode() != 0 ? Long.toString(k.inode()) : "",
                    k.cookie() != 0 ? Json.hex(k.cookie()) : "", k.family(), k.type(), k.state(), CsvReportWriter.q(k.local()),
                    CsvReportWriter.q(k.remote()), k.refcount() >= 0 ? Integer.toString(k.refcount()) : "",
                    k.inFlight() >= 0 ? Integer.toString(k.inFlight()) : "", CsvReportWriter.q(owners(k, linux(s))), n(k.sendQueue()),
                    n(k.recvQueue()), n(k.unacked()), n(k.notSent()), linger(k.linger()),
                    CsvReportWriter.q(String.join("; ", k.risks()))));
        }
    }

    private static String proto(SocketSnapshot k) {
        return switch (k.family()) {
            case "inet" -> k.type().equals("stream") ? "tcp" : "udp";
            case "inet6" -> k.type().equals("stream") ? "tcp6" : "udp6";
            case "unix" -> "unix/" + k.type();
            default -> k.family();
        };
    }

    private static String refs(SocketSnapshot k) {
        if (k.refcount() < 0) {
            return "?";
        }
        return k.inFlight() > 0 ? k.refcount() + " (" + k.inFlight() + " in flight)" : Integer.toString(k.refcount());
    }

    private static String owners(SocketSnapshot k, boolean linux) {
        StringBuilder sb = new StringBuilder();
        for (SocketSnapshot.Owner o : k.owners()) {
            sb.append(sb.length() == 0 ? "" : " ").append(o.pid()).append(':').append(handle(o.handle(), linux));
            if (o.process() != null) {
                sb.append('(').append(o.process()).append(')');
            }
        }
        return sb.toString();
    }

    private static String linger(SocketSnapshot.Linger l) {
        return l == null ? "" : "{" + (l.onOff() ? 1 : 0) + "," + l.seconds() + "}";
    }

    private static String n(long v) {
        return v < 0 ? "" : Long.toString(v);
    }

    private static Long num(long v) {
        return v < 0 ? null : v;
    }

    /** A listener has no peer: "*", as ss shows it, rather than 0.0.0.0:0 or [::]:0. */
    static String remote(SocketSnapshot k) {
        return "LISTEN".equals(k.state()) || "LISTENING".equals(k.state()) ? "*" : k.remote();
    }
}
