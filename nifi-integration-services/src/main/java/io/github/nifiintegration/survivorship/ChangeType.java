package io.github.nifiintegration.survivorship;

/** What happened to a golden record. */
public enum ChangeType {
    /** The entity's first golden record. */
    CREATED,
    /** Values changed because source records arrived or changed, or a steward pinned a value. */
    UPDATED,
    /** Other entities were merged into this one (their ids now resolve to it). */
    MERGED,
    /** Source records were split out of this entity into entities of their own. */
    SPLIT
}
