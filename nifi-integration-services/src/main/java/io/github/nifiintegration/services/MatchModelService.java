package io.github.nifiintegration.services;

import io.github.nifiintegration.matching.MatchModel;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.controller.ControllerService;

/**
 * Shares one match model (fields, comparators, blocking rules, weights, thresholds) between every
 * processor that resolves or deduplicates records, so they all decide "same entity?" alike.
 */
@CapabilityDescription("Provides a match model (comparisons with m/u probabilities, blocking rules and thresholds) to entity resolution and deduplication processors.")
public interface MatchModelService extends ControllerService {

    MatchModel getModel();
}
