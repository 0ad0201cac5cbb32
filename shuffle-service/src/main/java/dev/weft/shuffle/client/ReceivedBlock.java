package dev.weft.shuffle.client;

import dev.weft.shuffle.protocol.proto.BlockHeader;

/** A block as received, not yet verified: its header and its bytes. */
record ReceivedBlock(BlockHeader header, byte[] data) {}
