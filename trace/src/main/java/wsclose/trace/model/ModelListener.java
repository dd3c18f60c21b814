package wsclose.trace.model;

/** Receives what the model concludes, as soon as it can: sockets that are done, and anomalies. */
public interface ModelListener {
    /** The socket's timeline is complete: it was freed (or the trace ended) and no late event can change it. */
    void retired(SocketTimeline socket);

    void anomaly(Anomaly anomaly);
}
