package io.github.nifiintegration.processors.common;

import org.apache.nifi.components.DescribedValue;

/**
 * An allowable value of a property, for enums: the constant's name is the value, and its display
 * name and description come from one {@link Text} per constant, so an enum of choices reads as a
 * list of what the user sees.
 */
public interface DescribedChoice extends DescribedValue {

    /** What the canvas shows for a choice. */
    record Text(String displayName, String description) {
    }

    Text text();

    /** The enum constant's name (implemented by every enum). */
    String name();

    @Override
    default String getValue() {
        return name();
    }

    @Override
    default String getDisplayName() {
        return text().displayName();
    }

    @Override
    default String getDescription() {
        return text().description();
    }
}
