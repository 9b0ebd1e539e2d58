package dev.descent.plot;

/**
 * Where a chart puts its legend. {@link #AUTO} picks the inside corner that covers no data (trying
 * top-right, bottom-right, top-left, bottom-left) and falls back to {@link #OUTSIDE_RIGHT}.
 */
public enum LegendPosition { AUTO, OUTSIDE_RIGHT, TOP_RIGHT, BOTTOM_RIGHT, TOP_LEFT, BOTTOM_LEFT, NONE }
