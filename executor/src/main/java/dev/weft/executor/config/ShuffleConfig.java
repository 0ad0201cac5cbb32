package dev.weft.executor.config;

import dev.weft.core.config.ConfigDeclarations;

/** Keys of the shuffle writer and reader ({@code weft.shuffle.*}). */
public final class ShuffleConfig implements ConfigDeclarations {}
