package dev.weft.core.plan;

import java.io.Serializable;

/** An edge of the lineage graph: how a node's partitions depend on a parent's. */
public abstract sealed class Dependency implements Serializable
    permits NarrowDependency, ShuffleDependency {}
