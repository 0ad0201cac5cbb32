package dev.weft.shuffle.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.weft.shuffle.protocol.proto.Ack;
import dev.weft.shuffle.protocol.proto.AuthOk;
import dev.weft.shuffle.protocol.proto.AuthResponse;
import dev.weft.shuffle.protocol.proto.BlockHeader;
import dev.weft.shuffle.protocol.proto.ClientHello;
import dev.weft.shuffle.protocol.proto.Error;
import dev.weft.shuffle.protocol.proto.FetchBlocks;
import dev.weft.shuffle.protocol.proto.RegisterExecutor;
import dev.weft.shuffle.protocol.proto.ServerChallenge;

/**
 * The type id that precedes every message on the wire, and the protobuf message it announces. Ids
 * are never reused; a new message gets a new id, and an id a peer does not know is refused.
 */
public enum MessageType {
  CLIENT_HELLO(1, ClientHello.class, ClientHello.parser()),
  SERVER_CHALLENGE(2, ServerChallenge.class, ServerChallenge.parser()),
  AUTH_RESPONSE(3, AuthResponse.class, AuthResponse.parser()),
  AUTH_OK(4, AuthOk.class, AuthOk.parser()),
  REGISTER_EXECUTOR(5, RegisterExecutor.class, RegisterExecutor.parser()),
  ACK(6, Ack.class, Ack.parser()),
  FETCH_BLOCKS(7, FetchBlocks.class, FetchBlocks.parser()),
  BLOCK(8, BlockHeader.class, BlockHeader.parser()),
  ERROR(9, Error.class, Error.parser());

  private static final MessageType[] BY_ID = new MessageType[16];

  static {
    for (MessageType t : values()) {
      BY_ID[t.id] = t;
    }
  }

  private final int id;
  private final Class<? extends MessageLite> messageClass;
  private final Parser<? extends MessageLite> parser;

  MessageType(int id, Class<? extends MessageLite> messageClass, Parser<? extends MessageLite> p) {
    this.id = id;
    this.messageClass = messageClass;
    this.parser = p;
  }

  /** The id on the wire. */
  public int id() {
    return id;
  }

  /** The type with this id, or null when the id is unknown. */
  public static MessageType byId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }

  /** The type of a message of this protocol. */
  public static MessageType of(MessageLite message) {
    for (MessageType t : values()) {
      if (t.messageClass.isInstance(message)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "expected a shuffle protocol message, found " + message.getClass().getName());
  }

  /** Parses a message body of this type. */
  public MessageLite parse(byte[] body) throws InvalidProtocolBufferException {
    return parser.parseFrom(body);
  }
}
