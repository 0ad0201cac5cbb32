/**
 * The shuffle wire protocol: type ids ({@link dev.weft.shuffle.protocol.MessageType}), the version
 * ({@link dev.weft.shuffle.protocol.ShuffleProtocol}) and the generated protobuf messages in {@code
 * dev.weft.shuffle.protocol.proto}. {@code src/main/protobuf/shuffle.proto} documents the framing
 * and the conversation.
 */
package dev.weft.shuffle.protocol;
