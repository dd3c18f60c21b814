package wsclose.trace.decode;

import static wsclose.trace.decode.Field.of;
import static wsclose.trace.decode.Field.sized;

import java.util.ArrayList;
import java.util.List;
import wsclose.trace.etw.Providers;

/**
 * Microsoft-Windows-TCPIP payloads for connection lifetime, close/abort/RST and send/receive
 * accounting (etl-format.md §B.2). Templates: REPNZ manifests Win7-7600 … Win10-18990 for everything
 * they contain, JDU TSV (1511, 21H2, 26H1) for the later versions and ids. The u64 appended by the v1
 * variants is named {@code ProcessStartKey} as in every released build (JDU 2004 → 26H1); the 18990
 * insider manifest called it {@code ProcessSequenceNumber}. Address binaries are SOCKADDRs sized by the
 * preceding length field (§B.0).
 */
final class TcpipLayouts {
    private TcpipLayouts() {
    }

    /** The 4-tuple/status/Tcb template of the connect, close, abort and timeout events (v0). */
    static final String TCB_STATUS = "LocalAddressLength:U LocalAddress:A RemoteAddressLength:U RemoteAddress:A"
            + " Status:U ProcessId:U Compartment:U Tcb:P";
    /** Tcb, 4-tuple, NewState, RexmitCount: connect request, RST/SYN received, connection tuple events. */
    static final String TCB_TUPLE = "Tcb:P LocalAddressLength:U LocalAddress:A RemoteAddressLength:U"
            + " RemoteAddress:A NewState:U RexmitCount:U";
    static final String DELIVERY = "Tcb:P Delivery:P Request:P NumBytes:Z RequestFlags:U Length:Z RequestStatus:U"
            + " IsUrgentDelivery:U FullySatisfiedORDelayedPush:U RcvNxt:U";
    static final String SEND = "Tcb:P Injected:S NumBytes:U SndNxt:U";
    static final String DATA_TRANSFER = "Tcb:P Cwnd:U SSThresh:U RttSample:U NumBytes:U SeqNo:U SndUna:U Round:U"
            + " SRTT:U RTO:U DWnd:U BaseRtt:U DupAckCount:U";
    static final String SUMMARY = "Tcb:P DataBytesOut:Q DataBytesIn:Q DataSegmentsOut:Q DataSegmentsIn:Q"
            + " SegmentsOut:Q SegmentsIn:Q NonRecovDa:U NonRecovDaEpisodes:U DupAcksIn:U BytesRetrans:U Timeouts:U"
            + " SpuriousRtoDetections:U FastRetran:U MaxSsthresh:U MaxSsCwnd:U MaxCaCwnd:U SndLimTransRwin:U"
            + " SndLimTimeRwin:U SndLimBytesRwin:Q SndLimTransCwnd:U SndLimTimeCwnd:U SndLimBytesCwnd:Q"
            + " SndLimTransSnd:U SndLimTimeRSnd:U SndLimBytesRSnd:Q";
    private static final String PSK = " ProcessStartKey:Q";

    static void register(Layouts l) {
        ev(l, 1001, 0, "TcpEndpointCreation", "Status:U Endpoint:P AddressFamily:U Pid:U");
        ev(l, 1002, 0, "TcpRequestConnect", TCB_TUPLE);
        String closeEndpoint = "LocalAddressLength:U LocalAddress:A Status:U";
        ev(l, 1009, 0, "TcpCloseEndpoint", closeEndpoint);
        ev(l, 1009, 1, "TcpCloseEndpoint_V1", "Endpoint:P " + closeEndpoint);
        String created = "LocalAddressLength:U LocalAddress:A Status:U ProcessId:U CompartmentId:U AddressFamily:U";
        ev(l, 1013, 0, "TcpCreateEndpointComplete", created);
        ev(l, 1013, 1, "TcpCreateEndpointComplete_V1", created + PSK);
        ev(l, 1013, 2, "TcpCreateEndpointComplete_V2", "Endpoint:P " + created + PSK);

        // Connect/accept completions, close/abort requests, timeouts: v0 (Win7), v1 + ProcessStartKey (2004).
        Object[][] tcbStatus = {{1017, "TcpAcceptListenerComplete"}, {1033, "TcpConnectTcbComplete"},
                {1034, "TcpConnectTcbFailure"}, {1038, "TcpCloseTcbRequest"}, {1039, "TcpAbortTcbRequest"},
                {1040, "TcpAbortTcbComplete"}, {1043, "TcpDisconnectTcbComplete"}, {1044, "TcpShutdownTcb"},
                {1045, "TcpConnectTcbTimeout"}, {1046, "TcpDisconnectTcbRtoTimeout"},
                {1047, "TcpDisconnectTcbKeepaliveTimeout"}, {1048, "TcpDisconnectTcbTimeout"},
                {1200, "TcpDisconnectTcbZeroWindowTimeout"}, {1201, "TcpDisconnectTcbFinWait2Timeout"},
                {1468, "TcpSystemAbortTcb"}};
        for (Object[] e : tcbStatus) {
            ev(l, (Integer) e[0], 0, (String) e[1], TCB_STATUS);
            ev(l, (Integer) e[0], 1, e[1] + "_V1", TCB_STATUS + PSK);
        }
        ev(l, 1043, 2, "TcpDisconnectTcbComplete_V2", TCB_STATUS + PSK + " Inspect:B"); // 24H2
        ev(l, 1468, 2, "TcpSystemAbortTcb_V2", TCB_STATUS + PSK + " Reason:U"); // 24H2

        // Odd template in every build: no Tcb (§B.2 notes).
        ev(l, 1042, 0, "TcpDisconnectTcbRequest", "Length:Z Timeout:Q Injected:S");
        ev(l, 1051, 0, "TcpTcbStateChange", "OldState:U NewState:U SndNxt:U Tcb:P");
        ev(l, 1071, 0, "TcpDataTransferCumAck", DATA_TRANSFER);
        ev(l, 1072, 0, "TcpDataTransferDupAck", DATA_TRANSFER);
        ev(l, 1073, 0, "TcpDataTransferSend", DATA_TRANSFER);
        ev(l, 1074, 0, "TcpDataTransferReceive", "Tcb:P NumBytes:U SeqNo:U");
        ev(l, 1074, 1, "TcpDataTransferReceive_V1", "Tcb:P NumBytes:U SeqNo:U NumPkt:U"); // 24H2

        ev(l, 1156, 0, "TcpReceiveRequest", DELIVERY);
        ev(l, 1157, 0, "TcpDeliveryIndicated", DELIVERY);
        ev(l, 1158, 0, "TcpDeliverySatisfied", DELIVERY);
        ev(l, 1171, 0, "TcpDeliveryFlush", DELIVERY);
        ev(l, 1189, 0, "TcpDeliveryStateChange", "Tcb:P Delivery:P OldDeliveryState:U NewDeliveryState:U");
        ev(l, 1190, 0, "TcpDeliveryDataDropped", DELIVERY);

        ev(l, 1159, 0, "TcpSendPosted", SEND);
        ev(l, 1159, 1, "TcpSendPosted_V1", SEND + " SendAvailable:U ActivityID:P"); // 24H2
        ev(l, 1159, 2, "TcpSendPosted_V2", SEND + " SendAvailable:U ActivityID:P SndLimBytesSnd:Q SndLimBytesRwin:Q"
                + " SndLimBytesCwnd:Q CWnd:U SRtt:U LossRecoveryEpisodes:U RtoEpisodes:U PtoEpisodes:U"); // 25H2
        ev(l, 1160, 0, "TcpSendTransmitted", SEND);
        ev(l, 1161, 0, "TcpSendAdvance", SEND);
        ev(l, 1161, 1, "TcpSendAdvance_V1", SEND + " SendAvailable:U"); // 24H2
        ev(l, 1426, 0, "TcpSendComplete", SEND); // 1703
        ev(l, 1426, 1, "TcpSendComplete_V1", SEND + " ActivityID:P"); // 24H2
        ev(l, 1637, 0, "TcpSendAcked", "Tcb:P NumBytes:U SndNxt:U ActivityID:P SndLimBytesSnd:Q SndLimBytesRwin:Q"
                + " SndLimBytesCwnd:Q CWnd:U SRtt:U LossRecoveryEpisodes:U RtoEpisodes:U PtoEpisodes:U"); // 25H2

        // SYN/RST handling and connection tuple insert/remove (10240).
        ev(l, 1182, 0, "TcpInitiateSynRstValidation", TCB_TUPLE);
        ev(l, 1183, 0, "TcpConnectTcbFailedRcvdRst", TCB_TUPLE);
        ev(l, 1184, 0, "TcpConnectionTerminatedRcvdRst", TCB_TUPLE);
        ev(l, 1185, 0, "TcpConnectionTerminatedRcvdSyn", TCB_TUPLE);
        ev(l, 1364, 0, "TcpInsertConnectionTuple", TCB_TUPLE);
        ev(l, 1365, 0, "TcpRemoveConnectionTuple", TCB_TUPLE);

        String rundown = "Tcb:P LocalAddressLength:U LocalAddress:A RemoteAddressLength:U RemoteAddress:A State:U Pid:U";
        ev(l, 1300, 0, "TcpConnectionRundown", rundown);
        ev(l, 1300, 1, "TcpConnectionRundown_V1", rundown + PSK);
        ev(l, 1300, 2, "TcpConnectionRundown_V2", rundown + PSK + " SendTrackerEnabled:U"); // 21H2
        ev(l, 1300, 3, "TcpConnectionRundown_V3", rundown + PSK + " SendTrackerEnabled:U RcvBufSet:U"); // 24H2

        ev(l, 1352, 0, "TcpConnectionSummary", SUMMARY);
        String summary1477 = SUMMARY + " ConnectionTimeMs:Q TimestampsEnabled:U RttUs:U MinRttUs:U MaxRttUs:U"
                + " SynRetrans:U CongestionAlgorithm:U State:U LocalAddressLength:U LocalAddress:A"
                + " RemoteAddressLength:U RemoteAddress:A CWnd:U SsThresh:U RcvWnd:U RcvBuf:U SndWnd:U";
        ev(l, 1477, 0, "TcpConnectionSummary1477", summary1477); // 1809
        ev(l, 1477, 1, "TcpConnectionSummary1477_V1", summary1477 + " InterfaceIndex:U LocalPort:U IsLoopback:B");

        ev(l, 1479, 0, "TcpRstSend", "Tcb:P IPTransportProtocol:U AddressFamily:U LocalSockAddrLength:U"
                + " LocalSockAddr:A RemoteSockAddrLength:U RemoteSockAddr:A Reason:U"); // 1903
        String failure = "Status:U LocalSockAddrLength:U LocalSockAddr:A RemoteSockAddrLength:U RemoteSockAddr:A"
                + " TcpState:U ProcessId:U Hour:W Minute:W Second:W Reason:U";
        ev(l, 1480, 0, "TcpRecentConnectionFailure", failure);
        ev(l, 1480, 1, "TcpRecentConnectionFailure_V1", failure + PSK);
        ev(l, 1544, 0, "TcpipSetSockOpt", "Endpoint:P Level:U Name:U Length:U Value:X"); // 21H2
        ev(l, 1555, 0, "TcpConnectionTerminatedByNsi", "Tcb:P State:U Pid:U ProcessStartKey:Q Shutdown:U"); // 21H2
        ev(l, 1603, 0, "TcpDisconnect", "Tcb:P State:U Injected:S DataLength:Q"); // 24H2
    }

    private static void ev(Layouts l, int id, int version, String name, String spec) {
        l.event(Providers.TCPIP, id, version, Layout.of(name, fields(spec)));
    }

    /**
     * Fields from "Name:T ..." where T is a manifest in-type: U UInt32, I Int32, W UInt16, Q UInt64,
     * J Int16, H HexInt32, B Boolean (4 bytes), C UInt8, P Pointer, Z a pointer-sized count, S a
     * NUL-terminated UnicodeString, A a SOCKADDR and X a Binary, both sized by the field just before them;
     * and for the kernel network events 4 an IPv4 address, 6 a 16-byte IPv6 address and N a port, all in
     * network byte order.
     */
    static Field[] fields(String spec) {
        List<Field> out = new ArrayList<>();
        for (String token : spec.trim().split("\\s+")) {
            int colon = token.indexOf(':');
            String name = token.substring(0, colon);
            char t = token.charAt(colon + 1);
            if (t == 'A' || t == 'X') {
                String length = out.get(out.size() - 1).name();
                out.add(sized(name, t == 'A' ? FieldType.SOCKADDR : FieldType.BINARY, length));
                continue;
            }
            out.add(of(name, type(t)));
        }
        return out.toArray(new Field[0]);
    }

    private static FieldType type(char t) {
        switch (t) {
            case 'U': return FieldType.UINT32;
            case 'I': return FieldType.INT32;
            case 'W': return FieldType.UINT16;
            case 'J': return FieldType.INT16;
            case 'Q': return FieldType.UINT64;
            case 'H': return FieldType.HEXINT32;
            case 'B': return FieldType.BOOLEAN;
            case 'C': return FieldType.UINT8;
            case 'P': return FieldType.POINTER;
            case 'Z': return FieldType.SIZET;
            case 'S': return FieldType.UNICODE_STRING;
            case '4': return FieldType.IPV4;
            case '6': return FieldType.IPV6;
            case 'N': return FieldType.PORT_BE;
            default: throw new IllegalArgumentException("unknown field type code " + t);
        }
    }
}
