package wsclose.trace.decode;

/**
 * Payload field types: the manifest in-types of TDH (win:UInt32, win:Pointer, ...) plus the few the
 * kernel MOF classes need. Manifest payloads are packed; {@code win:Boolean} is 4 bytes and
 * {@code win:Pointer} the event's pointer size (etl-format.md §B.0).
 */
public enum FieldType {
    INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), INT64(8), UINT64(8),
    FLOAT(4), DOUBLE(8),
    /** win:Boolean: a 4-byte BOOL. */
    BOOLEAN(4),
    HEXINT32(4), HEXINT64(8),
    /** Pointer-sized integer, printed in hex. */
    POINTER(-1),
    /** Pointer-sized unsigned integer printed in decimal (win:SizeT-like MOF "Pointer" counts). */
    SIZET(-1),
    GUID(16), FILETIME(8), SYSTEMTIME(16),
    /** win:SID: a binary SID, its length from its sub-authority count. */
    SID(0),
    /** Kernel MOF WBEMSid: TOKEN_USER (2 pointers) then a SID, or 4 zero bytes when absent. */
    KERNEL_SID(0),
    /** NUL-terminated UTF-16LE (win:UnicodeString without a length). */
    UNICODE_STRING(0),
    /** NUL-terminated 8-bit string. */
    ANSI_STRING(0),
    /** Bytes counted by a length field or a fixed length. */
    BINARY(0),
    /** Windows SOCKADDR_IN / SOCKADDR_IN6 in a binary whose length comes from a length field. */
    SOCKADDR(0),
    /** u16 in network byte order (ports of the kernel TcpIp events). */
    PORT_BE(2),
    /** IPv4 address stored in network byte order as 4 bytes. */
    IPV4(4),
    /** 16-byte IPv6 address. */
    IPV6(16);

    private final int size;

    FieldType(int size) {
        this.size = size;
    }

    /** Fixed size in bytes; -1 means the pointer size, 0 means variable. */
    public int size() {
        return size;
    }

    /** Maps a manifest in-type name ("win:UInt32") to a type, or null when unknown. */
    public static FieldType fromInType(String inType) {
        String t = inType.startsWith("win:") ? inType.substring(4) : inType;
        switch (t) {
            case "Int8": return INT8;
            case "UInt8": return UINT8;
            case "Int16": return INT16;
            case "UInt16": return UINT16;
            case "Int32": return INT32;
            case "UInt32": return UINT32;
            case "Int64": return INT64;
            case "UInt64": return UINT64;
            case "Float": return FLOAT;
            case "Double": return DOUBLE;
            case "Boolean": return BOOLEAN;
            case "HexInt32": return HEXINT32;
            case "HexInt64": return HEXINT64;
            case "Pointer": return POINTER;
            case "GUID": return GUID;
            case "FILETIME": return FILETIME;
            case "SYSTEMTIME": return SYSTEMTIME;
            case "SID": return SID;
            case "UnicodeString": return UNICODE_STRING;
            case "AnsiString": return ANSI_STRING;
            case "Binary": return BINARY;
            default: return null;
        }
    }
}
