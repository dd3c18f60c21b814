package wsclose.trace.model;

/**
 * The close state machine of one socket instance (an AFD endpoint from creation to free).
 *
 * <pre>
 *   CREATED ─► BOUND ─► LISTENING ───────────────────────────────┐
 *      │         └────► CONNECTING ─► CONNECTED ─► SEND_SHUT_DOWN ┤
 *      └───────────────────────────────────────────────────────────┤
 *                                                                   ▼
 *                  CLOSE_REQUESTED (closesocket / last handle closing)
 *                                   ▼
 *                  CLOSED (AFD close done; no handle refers to it)
 *                                   ▼
 *                  FREED (AFD cleanup: the endpoint address may be reused)
 * </pre>
 * A socket that existed before the trace starts in {@link #EXISTING}.
 */
public enum SocketState {
    EXISTING("existing"), CREATED("created"), BOUND("bound"), LISTENING("listening"), CONNECTING("connecting"),
    CONNECTED("connected"), SEND_SHUT_DOWN("send shut down"), CLOSE_REQUESTED("close requested"), CLOSED("closed"),
    FREED("freed");

    private final String label;

    SocketState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean closing() {
        return ordinal() >= CLOSE_REQUESTED.ordinal();
    }
}
