package io.github.nifiintegration.stewardship;

import java.util.List;

/**
 * What a decision changed, in the terms MaintainGoldenRecords reads: the entity to recompute, the
 * entities merged into it, and the entity it was split from (null when none).
 */
public record AppliedDecision(String entityId, List<String> mergedEntityIds, String splitFromEntityId) {
}
