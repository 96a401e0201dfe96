package io.salesorder.platform.mongodb;

/** What one member of the replica set says of itself. */
public enum MemberState {
    /** Answers and holds a replica-set configuration. */
    CONFIGURED,
    /** Answers but has never been part of a set: a new pod, or a fresh volume. */
    UNCONFIGURED,
    /** Does not answer (yet). */
    UNREACHABLE
}
