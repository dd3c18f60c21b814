package wsclose.trace.decode;

import java.util.HashMap;
import java.util.Map;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Providers;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketEventKind;

/**
 * Classic kernel events → socket events: Process (pid ↔ EPROCESS and image name, §B.5.4), ObTrace handle
 * events (the reference count of a socket's FILE_OBJECT, §B.5.1) and the network events of the classic
 * TcpIp/UdpIp groups and their manifest twin Microsoft-Windows-Kernel-Network (§B.4, §B.5.3).
 *
 * <p>ObTrace object type indices differ per boot, so the TypeDCStart/TypeDCEnd rundown in the same trace
 * names them; handles of types known not to be "File" are dropped here. Stateful, so one instance per trace.
 */
final class KernelEvents {
    // Fields read by key: resolved once per layout (FieldKey).
    private static final FieldKey IMAGE_FILE_NAME = FieldKey.of("ImageFileName");
    private static final FieldKey OBJECT = FieldKey.of("Object");
    private static final FieldKey OBJECT_TYPE = FieldKey.of("ObjectType");
    private static final FieldKey PID = FieldKey.of("PID");
    private static final FieldKey PROCESS_ID = FieldKey.of("ProcessId");
    private static final FieldKey SOURCE_PROCESS_ID = FieldKey.of("SourceProcessId");
    private static final FieldKey TARGET_HANDLE = FieldKey.of("TargetHandle");
    private static final FieldKey TARGET_PROCESS_ID = FieldKey.of("TargetProcessId");
    private static final FieldKey TYPE_NAME = FieldKey.of("TypeName");
    private static final FieldKey UNIQUE_PROCESS_KEY = FieldKey.of("UniqueProcessKey");
    private static final FieldKey CONNID = FieldKey.of("connid");
    private static final FieldKey DADDR = FieldKey.of("daddr");
    private static final FieldKey DPORT = FieldKey.of("dport");
    private static final FieldKey SADDR = FieldKey.of("saddr");
    private static final FieldKey SIZE = FieldKey.of("size");
    private static final FieldKey SPORT = FieldKey.of("sport");

    private final Map<Long, String> typeNames = new HashMap<>();

    void register(SocketDecoder d) {
        d.onKernel(Providers.KERNEL_PROCESS, 1, (ev, f, out) -> out.accept(process(out, SocketEventKind.PROCESS_START, ev, f)));
        d.onKernel(Providers.KERNEL_PROCESS, 3, (ev, f, out) -> out.accept(process(out, SocketEventKind.PROCESS_RUNDOWN, ev, f)));
        d.onKernel(Providers.KERNEL_PROCESS, 2, (ev, f, out) -> out.accept(process(out, SocketEventKind.PROCESS_END, ev, f)));
        for (int op : new int[] {36, 37}) {
            d.onKernel(Providers.KERNEL_OBJECT, op, (ev, f, out) ->
                    typeNames.put(f.getLong(OBJECT_TYPE, -1), f.getString(TYPE_NAME)));
        }
        d.onKernel(Providers.KERNEL_OBJECT, 32, (ev, f, out) -> handle(SocketEventKind.HANDLE_CREATE, ev, f, ev.pid(), "Handle", out));
        d.onKernel(Providers.KERNEL_OBJECT, 33, (ev, f, out) -> handle(SocketEventKind.HANDLE_CLOSE, ev, f, ev.pid(), "Handle", out));
        d.onKernel(Providers.KERNEL_OBJECT, 38, (ev, f, out) ->
                handle(SocketEventKind.HANDLE_RUNDOWN, ev, f, (int) f.getLong(PROCESS_ID, -1), "Handle", out));
        d.onKernel(Providers.KERNEL_OBJECT, 34, (ev, f, out) -> {
            if (isNotFile(f)) {
                return;
            }
            out.accept(out.at(ev.fileTime(), SocketEventKind.HANDLE_DUPLICATE, Source.HANDLES)
                    .thread((int) f.getLong(TARGET_PROCESS_ID, -1), ev.tid()).object(f.getLong(OBJECT, 0))
                    .handle(f.getLong(TARGET_HANDLE, -1)).value(f.getLong(SOURCE_PROCESS_ID, ev.pid())));
        });
        network(d);
    }

    private SocketEvent.Builder process(Emitter out, SocketEventKind kind, EtwEvent ev, Fields f) {
        return out.at(ev.fileTime(), kind, Source.PROCESSES).thread((int) f.getLong(PROCESS_ID, -1), ev.tid())
                .process(f.getLong(UNIQUE_PROCESS_KEY, 0)).name(f.getString(IMAGE_FILE_NAME));
    }

    private boolean isNotFile(Fields f) {
        String type = typeNames.get(f.getLong(OBJECT_TYPE, -1));
        return type != null && !type.equals("File");
    }

    private void handle(SocketEventKind kind, EtwEvent ev, Fields f, int pid, String field,
                        Emitter out) {
        if (isNotFile(f)) {
            return;
        }
        out.accept(out.at(ev.fileTime(), kind, Source.HANDLES).thread(pid, ev.tid()).object(f.getLong(OBJECT, 0))
                .handle(f.getLong(field, -1)));
    }

    /**
     * Classic TcpIp/UdpIp (groups 0x06/0x08) and Microsoft-Windows-Kernel-Network: per-connection traffic
     * with the owning PID and 4-tuple but no socket identity (connid is 0 in the corpus), so they join a
     * socket only through TCPIP/AFD events; they tell the report that network activity was traced.
     */
    private static void network(SocketDecoder d) {
        for (int ip6 = 0; ip6 <= 16; ip6 += 16) {
            kernelNet(d, 10 + ip6, SocketEventKind.TCP_SEND_POSTED);
            kernelNet(d, 11 + ip6, SocketEventKind.TCP_RECEIVED);
            kernelNet(d, 12 + ip6, SocketEventKind.TCP_CONNECTED);
            kernelNet(d, 13 + ip6, SocketEventKind.TCP_DISCONNECT);
            kernelNet(d, 15 + ip6, SocketEventKind.TCP_CONNECTED);
        }
    }

    private static void kernelNet(SocketDecoder d, int opcode, SocketEventKind kind) {
        SocketDecoder.Mapping m = (ev, f, out) -> {
            String remote = addr(f.getString(DADDR), f.getLong(DPORT, -1));
            String local = addr(f.getString(SADDR), f.getLong(SPORT, -1));
            out.accept(out.at(ev.fileTime(), kind, Source.KERNEL_NETWORK).thread((int) f.getLong(PID, -1), ev.tid())
                    .tcb(f.getLong(CONNID, 0)).bytes(f.getLong(SIZE, -1)).local(local).remote(remote));
        };
        d.onKernel(Providers.KERNEL_TCPIP, opcode, m);
        d.on(Providers.KERNEL_NETWORK, opcode, m);
    }

    private static String addr(String ip, long port) {
        if (ip == null || port < 0) {
            return null;
        }
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }
}
