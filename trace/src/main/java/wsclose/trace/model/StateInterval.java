package wsclose.trace.model;

/** A state held from {@code from} to {@code to} (FILETIME; {@code to} is -1 while it lasts). */
public record StateInterval(SocketState state, long from, long to) {
}
