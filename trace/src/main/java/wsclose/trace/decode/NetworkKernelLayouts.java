package wsclose.trace.decode;

import static wsclose.trace.decode.TcpipLayouts.fields;

import wsclose.trace.etw.Guid;
import wsclose.trace.etw.Providers;

/**
 * Kernel-side network and socket-identity payloads:
 * <ul>
 * <li>classic NT Kernel Logger TcpIp / UdpIp (etl-format.md §B.5.3; MOF {@code TcpIp_*}, {@code UdpIp_*}
 * of TE's kerneltraceeventparser.mof and of the live MOF in JDU Windows_Kernel_Trace 26H1), versions 2
 * (Vista+) and 1 (XP/2003);</li>
 * <li>Microsoft-Windows-Kernel-Network, the manifest twin (§B.4; REPNZ, identical Win7 → 18990);</li>
 * <li>ObTrace handle events (§B.5.1) and FileIo Name/Create/Cleanup/Close/Flush/OperationEnd (§B.5.2).</li>
 * </ul>
 * Addresses and ports are in network byte order; {@code daddr}/{@code dport} is the remote end of a TCP
 * connection, but for UdpIp the datagram's destination (a received multicast shows the group address
 * there). The v2 classic TcpIp/UdpIp events end with {@code seqnum} (u32) then {@code connid}
 * (pointer-sized), as the MOF says; TraceEvent's {@code TcpIpTraceData}/{@code TcpIpV6TraceData} read
 * the v1 order (connid first) instead. On the corpus both are zero in every event, but only the MOF order
 * gives every field its natural alignment at the observed payload lengths (x64: 32 IPv4, 56 IPv6, 64
 * IPv6 send, 72 IPv6 accept), which is how tcpip.sys lays out a C struct; see NetworkKernelLayoutsTest.
 * The classic kernel events are logged with PERFINFO headers (corpus), so they are registered for both
 * the SYSTEM and the PERFINFO header namespace.
 */
final class NetworkKernelLayouts {
    private NetworkKernelLayouts() {
    }

    private static final String[] GENERIC = {"11 Recv", "13 Disconnect", "14 Retransmit", "16 Reconnect", "18 TCPCopy"};

    static void register(Layouts l) {
        classicV2(l);
        classicV1(l);
        kernelNetwork(l);
        objectHandles(l);
        fileIo(l);
    }

    /** Vista+ TcpIp/UdpIp (EventVersion 2): opcodes 10–18, IPv6 variants 26–34 (= IPv4 + 16). */
    private static void classicV2(Layouts l) {
        for (int ip6 = 0; ip6 <= 1; ip6++) {
            String a = ip6 == 0 ? "4" : "6";
            String suffix = ip6 == 0 ? "IPV4" : "IPV6";
            int base = 16 * ip6;
            String head = "PID:U size:U daddr:" + a + " saddr:" + a + " dport:N sport:N";
            String generic = head + " seqnum:U connid:P";
            kernel(l, Providers.KERNEL_TCPIP, 10 + base, 2, "TcpIp/Send" + suffix,
                    head + " startime:U endtime:U seqnum:U connid:P");
            for (String g : GENERIC) {
                String[] p = g.split(" ");
                kernel(l, Providers.KERNEL_TCPIP, Integer.parseInt(p[0]) + base, 2, "TcpIp/" + p[1] + suffix, generic);
            }
            String connect = head + " mss:W sackopt:W tsopt:W wsopt:W rcvwin:U rcvwinscale:J sndwinscale:J"
                    + " seqnum:U connid:P";
            kernel(l, Providers.KERNEL_TCPIP, 12 + base, 2, "TcpIp/Connect" + suffix, connect);
            kernel(l, Providers.KERNEL_TCPIP, 15 + base, 2, "TcpIp/Accept" + suffix, connect);
            kernel(l, Providers.KERNEL_UDPIP, 10 + base, 2, "UdpIp/Send" + suffix, generic);
            kernel(l, Providers.KERNEL_UDPIP, 11 + base, 2, "UdpIp/Recv" + suffix, generic);
        }
        kernel(l, Providers.KERNEL_TCPIP, 17, 2, "TcpIp/Fail", "Proto:W FailureCode:W");
        kernel(l, Providers.KERNEL_UDPIP, 17, 2, "UdpIp/Fail", "Proto:W FailureCode:W");
    }

    /** XP/2003 TcpIp_V1 / UdpIp_V1: IPv4 only, connid (pointer) before seqnum; UdpIp without them. */
    private static void classicV1(Layouts l) {
        String head = "PID:U size:U daddr:4 saddr:4 dport:N sport:N";
        kernel(l, Providers.KERNEL_TCPIP, 10, 1, "TcpIp/Send", head + " startime:U endtime:U connid:P seqnum:U");
        String[] generic = {"11 Recv", "13 Disconnect", "14 Retransmit", "16 Reconnect", "18 TCPCopy", "19 ARPCopy",
                "20 FullACK", "21 PartACK", "22 DupACK"};
        for (String g : generic) {
            String[] p = g.split(" ");
            kernel(l, Providers.KERNEL_TCPIP, Integer.parseInt(p[0]), 1, "TcpIp/" + p[1], head + " connid:P seqnum:U");
        }
        String connect = head + " mss:W sackopt:W tsopt:W wsopt:W rcvwin:U rcvwinscale:J sndwinscale:J connid:P seqnum:U";
        kernel(l, Providers.KERNEL_TCPIP, 12, 1, "TcpIp/Connect", connect);
        kernel(l, Providers.KERNEL_TCPIP, 15, 1, "TcpIp/Accept", connect);
        kernel(l, Providers.KERNEL_TCPIP, 17, 1, "TcpIp/Fail", "Proto:U");
        kernel(l, Providers.KERNEL_UDPIP, 10, 1, "UdpIp/Send", head);
        kernel(l, Providers.KERNEL_UDPIP, 11, 1, "UdpIp/Recv", head);
    }

    /**
     * Microsoft-Windows-Kernel-Network (version 0): TCP ids 10–18 and 26–34, UDP 42/43/49 and 58/59.
     * Here {@code connid} is declared UInt32 and the window scales UInt16 (REPNZ/JDU), decoded as declared.
     */
    private static void kernelNetwork(Layouts l) {
        for (int ip6 = 0; ip6 <= 1; ip6++) {
            String a = ip6 == 0 ? "4" : "6";
            String suffix = ip6 == 0 ? "IPV4" : "IPV6";
            int base = 16 * ip6;
            String head = "PID:U size:U daddr:" + a + " saddr:" + a + " dport:N sport:N";
            String generic = head + " seqnum:U connid:U";
            net(l, 10 + base, "TcpIp/Send" + suffix, head + " startime:U endtime:U seqnum:U connid:U");
            for (String g : GENERIC) {
                String[] p = g.split(" ");
                net(l, Integer.parseInt(p[0]) + base, "TcpIp/" + p[1] + suffix, generic);
            }
            String connect = head + " mss:W sackopt:W tsopt:W wsopt:W rcvwin:U rcvwinscale:W sndwinscale:W"
                    + " seqnum:U connid:U";
            net(l, 12 + base, "TcpIp/Connect" + suffix, connect);
            net(l, 15 + base, "TcpIp/Accept" + suffix, connect);
            net(l, 42 + base, "UdpIp/Send" + suffix, generic);
            net(l, 43 + base, "UdpIp/Recv" + suffix, generic);
        }
        net(l, 17, "TcpIp/Fail", "Proto:W FailureCode:W");
        net(l, 49, "UdpIp/Fail", "Proto:W FailureCode:W");
    }

    /**
     * ObTrace (group 0x11): PHNT ETW_*_HANDLE_EVENT, TE Object*TraceData, JDU Object_*_V2/V3. Handles are
     * 32-bit even on x64. CreateHandle/CloseHandle end with an ObjectName string that is normally empty
     * (two zero bytes right after ObjectType, which is also what ETWA reads as 2 reserved bytes).
     */
    private static void objectHandles(Layouts l) {
        String handle = "Object:P Handle:H ObjectType:W ObjectName:S";
        kernel(l, Providers.KERNEL_OBJECT, 32, 2, "Object/CreateHandle", handle);
        kernel(l, Providers.KERNEL_OBJECT, 33, 2, "Object/CloseHandle", handle);
        kernel(l, Providers.KERNEL_OBJECT, 34, 3, "Object/DuplicateHandle",
                "Object:P SourceHandle:H TargetHandle:H TargetProcessId:U ObjectType:W SourceProcessId:U");
        kernel(l, Providers.KERNEL_OBJECT, 36, 2, "Object/TypeDCStart", "ObjectType:W Reserved:W TypeName:S");
        kernel(l, Providers.KERNEL_OBJECT, 37, 2, "Object/TypeDCEnd", "ObjectType:W Reserved:W TypeName:S");
        String rundown = "Object:P ProcessId:U Handle:H ObjectType:W ObjectName:S";
        kernel(l, Providers.KERNEL_OBJECT, 38, 2, "Object/HandleDCStart", rundown);
        kernel(l, Providers.KERNEL_OBJECT, 39, 2, "Object/HandleDCEnd", rundown);
    }

    /** FileIo (group 0x04), MOF FileIo_* v2 (TTID pointer-sized, before FileObject) and v3 (Win8+). */
    private static void fileIo(Layouts l) {
        String[] names = {"0 Name", "32 FileCreate", "35 FileDelete", "36 FileRundown"};
        for (String n : names) {
            String[] p = n.split(" ");
            for (int v = 2; v <= 3; v++) {
                kernel(l, Providers.KERNEL_FILEIO, Integer.parseInt(p[0]), v, "FileIo/" + p[1], "FileObject:P FileName:S");
            }
        }
        kernel(l, Providers.KERNEL_FILEIO, 64, 2, "FileIo/Create",
                "IrpPtr:P TTID:Z FileObject:P CreateOptions:H FileAttributes:H ShareAccess:H OpenPath:S");
        kernel(l, Providers.KERNEL_FILEIO, 64, 3, "FileIo/Create",
                "IrpPtr:P FileObject:P TTID:U CreateOptions:H FileAttributes:H ShareAccess:H OpenPath:S");
        String[] simple = {"65 Cleanup", "66 Close", "73 Flush"};
        for (String n : simple) {
            String[] p = n.split(" ");
            int op = Integer.parseInt(p[0]);
            kernel(l, Providers.KERNEL_FILEIO, op, 2, "FileIo/" + p[1], "IrpPtr:P TTID:Z FileObject:P FileKey:P");
            kernel(l, Providers.KERNEL_FILEIO, op, 3, "FileIo/" + p[1], "IrpPtr:P FileObject:P FileKey:P TTID:U");
        }
        for (int v = 2; v <= 3; v++) {
            kernel(l, Providers.KERNEL_FILEIO, 76, v, "FileIo/OperationEnd", "IrpPtr:P ExtraInfo:P NtStatus:H");
        }
    }

    /** A classic kernel layout, for SYSTEM/COMPACT headers and for PERFINFO headers alike. */
    private static void kernel(Layouts l, Guid group, int opcode, int version, String name, String spec) {
        Layout layout = Layout.of(name, fields(spec));
        l.kernel(group, opcode, version, layout);
        l.perfinfo(group, opcode, version, layout);
    }

    private static void net(Layouts l, int id, String name, String spec) {
        l.event(Providers.KERNEL_NETWORK, id, 0, Layout.of("KernelNetwork/" + name, fields(spec)));
    }
}
