package dev.skim.bridge.memory;

/** Which bridge instance holds a stream's memory. */
public sealed interface Owner permits Owner.Local, Owner.Remote {

    /** This instance. */
    record Local() implements Owner {}

    /**
     * Another instance, reachable over HTTP.
     *
     * @param host its advertised host
     * @param port its advertised HTTP port
     */
    record Remote(String host, int port) implements Owner {}
}
