package wsclose.trace.etw;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Names of the providers wsclose knows (etl-format.md §B.0 and the kernel group table of §A.5.1), so
 * that users can say {@code --provider Microsoft-Windows-Winsock-AFD} or {@code --provider TcpIp}
 * and output can show names next to GUIDs.
 */
public final class Providers {
    public static final Guid WINSOCK_AFD = Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6");
    public static final Guid TCPIP = Guid.parse("2f07e2ee-15db-40f1-90ef-9d7ba282188a");
    public static final Guid WINSOCK_SOCKETS = Guid.parse("bde46aea-2357-51fe-7367-d5296f530bd1");
    public static final Guid KERNEL_NETWORK = Guid.parse("7dd42a49-5329-4832-8dfd-43d979153a88");
    public static final Guid KERNEL_EVENT_TRACE = Guid.parse("68fdd900-4a3e-11d1-84f4-0000f80464e3");
    public static final Guid KERNEL_PROCESS = Guid.parse("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c");
    public static final Guid KERNEL_THREAD = Guid.parse("3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c");
    public static final Guid KERNEL_TCPIP = Guid.parse("9a280ac0-c8e0-11d1-84e2-00c04fb998a2");
    public static final Guid KERNEL_UDPIP = Guid.parse("bf3a50c5-a9c9-4988-a005-2df0b7c80f80");
    public static final Guid KERNEL_OBJECT = Guid.parse("89497f50-effe-4440-8cf2-ce6b1cdcaca7");
    public static final Guid KERNEL_FILEIO = Guid.parse("90cbdc39-4a3e-11d1-84f4-0000f80464e3");
    public static final Guid KERNEL_IMAGE = Guid.parse("2cb15d1d-5fc1-11d2-abe1-00a0c911f518");

    private static final Map<Guid, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(WINSOCK_AFD, "Microsoft-Windows-Winsock-AFD");
        NAMES.put(TCPIP, "Microsoft-Windows-TCPIP");
        NAMES.put(WINSOCK_SOCKETS, "Microsoft-Windows-Winsock-Sockets");
        NAMES.put(KERNEL_NETWORK, "Microsoft-Windows-Kernel-Network");
        NAMES.put(Guid.parse("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716"), "Microsoft-Windows-Kernel-Process");
        NAMES.put(Guid.parse("e13c0d23-ccbc-4e12-931b-d9cc2eee27e4"), "Microsoft-Windows-DotNETRuntime");
        NAMES.put(Guid.parse("763fd754-7086-4dfe-95eb-c01a46faf4ca"), "Microsoft-Windows-DotNETRuntimePrivate");
        NAMES.put(Guid.parse("b3e675d7-2554-4f18-830b-2762732560de"), "KernelTraceControl");
        NAMES.put(KERNEL_EVENT_TRACE, "Kernel/EventTrace");
        NAMES.put(Guid.parse("3d6fa8d4-fe05-11d0-9dda-00c04fd7ba7c"), "Kernel/DiskIo");
        NAMES.put(Guid.parse("3d6fa8d3-fe05-11d0-9dda-00c04fd7ba7c"), "Kernel/PageFault");
        NAMES.put(KERNEL_PROCESS, "Kernel/Process");
        NAMES.put(KERNEL_FILEIO, "Kernel/FileIo");
        NAMES.put(KERNEL_THREAD, "Kernel/Thread");
        NAMES.put(KERNEL_TCPIP, "Kernel/TcpIp");
        NAMES.put(Guid.parse("3282fc76-feed-498e-8aa7-e70f459d430e"), "Kernel/Job");
        NAMES.put(KERNEL_UDPIP, "Kernel/UdpIp");
        NAMES.put(Guid.parse("ae53722e-c863-11d2-8659-00c04fa321a1"), "Kernel/Registry");
        NAMES.put(Guid.parse("01853a65-418f-4f36-aefc-dc0f1d2fd235"), "Kernel/SystemConfig");
        NAMES.put(Guid.parse("ce1dbfb4-137e-4da6-87b0-3f59aa102cbc"), "Kernel/PerfInfo");
        NAMES.put(KERNEL_OBJECT, "Kernel/Object");
        NAMES.put(KERNEL_IMAGE, "Kernel/Image");
        NAMES.put(Guid.parse("def2fe46-7bd6-4b80-bd94-f57fe20d0ce3"), "Kernel/StackWalk");
        NAMES.put(Guid.parse("45d8cccd-539f-4b72-a8b7-5c683142609a"), "Kernel/ALPC");
    }

    private Providers() {
    }

    public static Optional<String> name(Guid guid) {
        return Optional.ofNullable(guid == null ? null : NAMES.get(guid));
    }

    /** A GUID, or a known name (case-insensitive; "Kernel/" and "Microsoft-Windows-" prefixes optional). */
    public static Optional<Guid> resolve(String nameOrGuid) {
        if (Guid.looksLikeGuid(nameOrGuid)) {
            return Optional.of(Guid.parse(nameOrGuid));
        }
        String want = nameOrGuid.toLowerCase(Locale.ROOT);
        for (Map.Entry<Guid, String> e : NAMES.entrySet()) {
            String n = e.getValue().toLowerCase(Locale.ROOT);
            if (n.equals(want) || n.equals("microsoft-windows-" + want) || n.equals("kernel/" + want)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    public static Map<Guid, String> known() {
        return java.util.Collections.unmodifiableMap(NAMES);
    }
}
