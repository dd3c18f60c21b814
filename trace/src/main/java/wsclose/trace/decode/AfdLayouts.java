package wsclose.trace.decode;

import static wsclose.trace.decode.Field.of;
import static wsclose.trace.decode.Field.sized;
import static wsclose.trace.decode.FieldType.BOOLEAN;
import static wsclose.trace.decode.FieldType.INT32;
import static wsclose.trace.decode.FieldType.IPV4;
import static wsclose.trace.decode.FieldType.IPV6;
import static wsclose.trace.decode.FieldType.POINTER;
import static wsclose.trace.decode.FieldType.PORT_BE;
import static wsclose.trace.decode.FieldType.SOCKADDR;
import static wsclose.trace.decode.FieldType.UINT32;

import java.util.ArrayList;
import java.util.List;
import wsclose.trace.etw.Providers;

/**
 * Microsoft-Windows-Winsock-AFD payloads (etl-format.md §B.1). Templates and field names are those of
 * the REPNZ manifests (Win7-7600, Win10-10240/17134/18990: every event is version 0 and no template of
 * 1–41, 1000–3007 changed between them; 4000–4015 appear in 10240, 4016/4017 in 1607) and, for
 * 4018–4020, of the JDU Win11-26H1 TSV. Payloads are packed; {@code Address} binaries are SOCKADDRs
 * whose byte count is the preceding {@code AddressLen} (§B.0).
 */
final class AfdLayouts {
    private AfdLayouts() {
    }

    static void register(Layouts l) {
        // 1000+/3000+: the common prefix EnterExit, Location, Process, Endpoint (§B.1 "Common prefix").
        afd(l, 1000, "AfdCreateOpen", of("AddressFamily", UINT32), of("SocketType", UINT32),
                of("Protocol", UINT32), of("ProcessId", POINTER), of("Status", UINT32));
        afd(l, 1001, "AfdCloseClosed", of("Status", UINT32));
        afd(l, 1002, "AfdCleanupFreed", of("Status", UINT32));
        for (Object[] e : new Object[][] {{1003, "AfdSendConnected"}, {1004, "AfdReceiveConnected"},
                {1005, "AfdSendToConnected"}, {1006, "AfdReceiveFromConnected"}, {1011, "AfdSendMessageConnected"},
                {1012, "AfdReceiveMessageConnected"}}) {
            afd(l, (Integer) e[0], (String) e[1], buffers());
        }
        for (Object[] e : new Object[][] {{1007, "AfdSendToWithAddressConnected"},
                {1009, "AfdReceiveFromWithAddressConnected"}, {1013, "AfdSendMessageWithAddressConnected"},
                {1015, "AfdReceiveMessageWithAddressConnected"}}) {
            afd(l, (Integer) e[0], (String) e[1], concat(buffers(), address()));
        }
        for (Object[] e : new Object[][] {{1017, "AfdConnectConnected"}, {1020, "AfdConnectExConnected"},
                {1023, "AfdAcceptConnected"}, {1026, "AfdAcceptExConnected"}, {1029, "AfdBindConnected"},
                {1036, "AfdWaitForListen"}, {3000, "AfdConnectIndication"}, {3006, "AfdDisconnectDisconnected"}}) {
            afd(l, (Integer) e[0], (String) e[1], of("Status", UINT32));
        }
        Field[] connectWithAddress = concat(new Field[] {of("Buffer", POINTER), of("BufferLength", UINT32),
                of("Status", UINT32)}, address());
        afd(l, 1018, "AfdConnectWithAddressConnected", connectWithAddress);
        afd(l, 1021, "AfdConnectExWithAddressConnected", connectWithAddress);
        // Accept*WithAddress: the listening Endpoint and the new AcceptEndpoint (x64 @44+AddressLen).
        Field[] accepted = concat(connectWithAddress, new Field[] {of("AcceptEndpoint", POINTER),
                of("CurrentBacklog", UINT32)});
        afd(l, 1024, "AfdAcceptWithAddressConnected", accepted);
        afd(l, 1027, "AfdAcceptExWithAddressConnected", accepted);
        afd(l, 1030, "AfdBindWithAddressConnected", concat(new Field[] {of("Status", UINT32)}, address()));
        // Reason: AFD_ABORT_ValueMap (Win7 manifest only) / AFD_DGRAM_DROP_ValueMap.
        afd(l, 1032, "AfdAbortAborted", of("Reason", UINT32));
        afd(l, 1033, "AfdDatagramDropWithAddressConnected", concat(new Field[] {of("Buffer", POINTER),
                of("BufferLength", UINT32)}, address(), new Field[] {of("Reason", UINT32)}));
        afd(l, 1035, "AfdOption", of("Option", UINT32), of("Value", UINT32), of("Status", UINT32));
        afd(l, 1037, "AfdListen", of("Backlog", UINT32), of("Status", UINT32));
        afd(l, 3001, "AfdConnectIndicationWithAddress", concat(new Field[] {of("Status", UINT32)}, address(),
                new Field[] {of("CurrentBacklog", UINT32)}));
        afd(l, 3003, "AfdDataIndication", of("Buffer", POINTER), of("BufferLength", UINT32));
        afd(l, 3004, "AfdDataIndicationWithAddress", concat(new Field[] {of("Buffer", POINTER),
                of("BufferLength", UINT32)}, address()));
        afd(l, 3007, "AfdSendBackLog", of("SendBacklog", UINT32));

        // 4000+: registered I/O (keyword AFD_KW_RIO, Win8+) and name-resolution (AFD_KW_NRT, 1607+).
        ev(l, 4000, "AfdRioCreateRegistrationDomainOpen", "RegistrationDomain:P Status:U");
        ev(l, 4001, "AfdRioCleanupRegistrationDomainClosed", "RegistrationDomain:P");
        ev(l, 4002, "AfdRioCreateCqOpen", "Cq:P RegistrationDomain:P EntryCount:U UserAddress:P SystemAddress:P"
                + " BufferSize:U CqIndex:U NotificationType:U NotificationHandle:P NotificationObject:P"
                + " NotificationContext1:P NotificationContext2:P Status:U");
        ev(l, 4003, "AfdRioDestroyCqClosed", "Cq:P Commit:U");
        ev(l, 4004, "AfdRioCleanupCqFreed", "Cq:P");
        ev(l, 4005, "AfdRioResizeCqModified", "Cq:P OriginalEntryCount:U OriginalStart:U OriginalEnd:U Commit:U"
                + " RequestedEntryCount:U UserAddress:P SystemAddress:P BufferSize:U Status:U");
        ev(l, 4006, "AfdRioCreateRqPairOpen", "Endpoint:P RioState:P RegistrationDomain:P SendEntryCount:U"
                + " SendUserAddress:P SendSystemAddress:P SendBufferSize:U ReceiveEntryCount:U ReceiveUserAddress:P"
                + " ReceiveSystemAddress:P ReceiveBufferSize:U SendCqIndex:U ReceiveCqIndex:U Status:U");
        ev(l, 4007, "AfdRioCloseRioStateClosed",
                "RioState:P ReceiveQueueStart:U ReceiveQueueEnd:U SendQueueStart:U SendQueueEnd:U");
        ev(l, 4008, "AfdRioCleanupRioStateFreed", "RioState:P");
        ev(l, 4009, "AfdRioResizeRqPairModified", "RioState:P OriginalSendEntryCount:U OriginalSendQueueStart:U"
                + " OriginalSendQueueEnd:U RequestedSendEntryCount:U SendUserAddress:P SendSystemAddress:P"
                + " SendBufferSize:U OriginalReceiveEntryCount:U OriginalReceiveQueueStart:U"
                + " OriginalReceiveQueueEnd:U RequestedReceiveEntryCount:U ReceiveUserAddress:P"
                + " ReceiveSystemAddress:P ReceiveBufferSize:U Status:U");
        ev(l, 4010, "AfdRioRegisterBufferOpen", "Buffer:P RegistrationDomain:P UserAddress:P SystemAddress:P"
                + " BufferSize:U BufferId:U Status:U");
        ev(l, 4011, "AfdRioDeregisterBufferClosed", "Buffer:P References:U");
        ev(l, 4012, "AfdRioCleanupBufferFreed", "Buffer:P");
        ev(l, 4013, "AfdRioValidateBufferId", "RegistrationDomain:P RioState:P BufferId:U");
        ev(l, 4014, "AfdRioRangeCheck", "RegistrationDomain:P RioState:P Buffer:P BufferOffset:U BufferLength:U");
        ev(l, 4015, "AfdRioSendReceive", "RioState:P BufferType:U SpecifiedLength:U RequiredLength:U");
        ev(l, 4016, "AfdNrtCreateOpen", "NameResolutionHandle:P Process:P Status:U");
        ev(l, 4017, "AfdNrtCloseClosed", "NameResolutionHandle:P Process:P");
        // JDU only: 4018/4019 Win11 21H2, 4020 Win11 22H2.
        ev(l, 4018, "AfdRioNotifyCq", "EnterExit:U Location:U Process:P RegDomain:P Cq:P Status:U");
        ev(l, 4019, "AfdAcceptPause", "EnterExit:U Location:U Process:P Endpoint:P PauseUnPause:C TLBacklogCount:I");
        ev(l, 4020, "AfdRioValidateBufferSharing", "RegistrationDomain:P RioState:P BufferId:U BufferSharingType:U");

        registerLegacy(l);
    }

    /**
     * The Vista-era ids 1–41 (§B.1 "Legacy Vista-era events"; still in every manifest). The manifests
     * declare {@code Address} as UInt32 (IPv4) or as a Binary whose length attribute the reconstruction
     * lost; these carry a sockaddr's sin_addr / sin6_addr and sin_port, so they are decoded as network
     * byte order, with 16 bytes for the IPv6 address (an inference: no trace with these events exists).
     */
    private static void registerLegacy(Layouts l) {
        Field proc = of("Process", POINTER);
        Field ep = of("Endpoint", POINTER);
        Field port = of("Port", PORT_BE);
        Field v4 = of("Address", IPV4);
        Field v6 = of("Address", IPV6);
        Field error = of("Error", UINT32);
        Field status = of("Status", UINT32);
        Field[] posted = {proc, ep, of("FastPath", BOOLEAN), of("BufferCount", INT32), of("Buffer", POINTER),
                of("BufferLength", UINT32)};
        Field[] completed = {proc, ep, of("Buffer", POINTER), of("BufferLength", UINT32)};
        Field[] recvFrom = {proc, ep, of("BufferCount", INT32), of("Buffer", POINTER), of("BufferLength", UINT32)};
        legacy(l, 1, proc, ep, of("AddressFamily", UINT32), of("SocketType", UINT32), of("Protocol", UINT32),
                of("UserModePid", POINTER));
        legacy(l, 2, proc, ep, v4, port, status);
        legacy(l, 3, proc, ep, v6, port, status);
        legacy(l, 4, proc, ep, v4, port);
        legacy(l, 5, proc, ep, v6, port);
        legacy(l, 7, proc, ep, of("Reason", INT32));
        legacy(l, 8, proc, ep, of("Reason", INT32));
        for (int id : new int[] {6, 9, 10, 11, 12, 13, 14, 17, 31, 40}) {
            legacy(l, id, proc, ep, error);
        }
        legacy(l, 15, proc, ep, v4, port, status);
        legacy(l, 16, proc, ep, v6, port, status);
        for (int id : new int[] {18, 19, 20}) {
            legacy(l, id, posted);
        }
        legacy(l, 21, concat(posted, new Field[] {v4, port}));
        legacy(l, 22, concat(posted, new Field[] {v6, port}));
        for (int id : new int[] {23, 24, 25, 28}) {
            legacy(l, id, completed);
        }
        legacy(l, 26, concat(recvFrom, new Field[] {v4, port}));
        legacy(l, 27, concat(recvFrom, new Field[] {v6, port}));
        legacy(l, 29, proc, ep, of("Option", UINT32), of("Value", UINT32));
        legacy(l, 30, proc, of("HandleCount", INT32), of("Timeout", INT32));
        legacy(l, 32, proc, ep, of("EventMask", UINT32));
        legacy(l, 33, proc, ep, of("PacketSize", INT32), v4, port, of("Reason", INT32));
        legacy(l, 34, proc, ep, of("PacketSize", INT32), v6, port, of("Reason", INT32));
        Field listen = of("ListenEndpoint", POINTER);
        legacy(l, 35, proc, listen, v4, port);
        legacy(l, 36, proc, listen, v6, port);
        legacy(l, 37, proc, ep, of("BytesIndicated", INT32));
        legacy(l, 38, proc, ep, v4, port, of("BytesIndicated", INT32));
        legacy(l, 39, proc, ep, v6, port, of("BytesIndicated", INT32));
        legacy(l, 41, proc, ep);
    }

    private static void legacy(Layouts l, int id, Field... fields) {
        put(l, id, "AfdLegacy" + id, fields);
    }

    /** BufferCount, Buffer, BufferLength, Status: the send/receive request events. */
    private static Field[] buffers() {
        return new Field[] {of("BufferCount", UINT32), of("Buffer", POINTER), of("BufferLength", UINT32),
                of("Status", UINT32)};
    }

    /** AddressLen then the SOCKADDR of that many bytes. */
    private static Field[] address() {
        return new Field[] {of("AddressLen", UINT32), sized("Address", SOCKADDR, "AddressLen")};
    }

    private static void afd(Layouts l, int id, String name, Field... rest) {
        put(l, id, name, prefix(rest));
    }

    private static Field[] prefix(Field... rest) {
        return concat(new Field[] {of("EnterExit", UINT32), of("Location", UINT32), of("Process", POINTER),
                of("Endpoint", POINTER)}, rest);
    }

    /** A layout from a field spec (codes of {@link TcpipLayouts#fields}): the RIO/NRT templates. */
    private static void ev(Layouts l, int id, String name, String spec) {
        put(l, id, name, TcpipLayouts.fields(spec));
    }

    private static void put(Layouts l, int id, String name, Field... fields) {
        l.event(Providers.WINSOCK_AFD, id, 0, Layout.of(name, fields));
    }

    static Field[] concat(Field[]... parts) {
        List<Field> all = new ArrayList<>();
        for (Field[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(new Field[0]);
    }
}
