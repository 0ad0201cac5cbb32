package dev.weft.core.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization for tasks: the lineage and the user's functions (lambdas implementing Weft's
 * serializable function interfaces). Classes resolve through the thread's context class loader,
 * which holds the application's jar.
 */
public final class JavaSerializer {
  private JavaSerializer() {}

  public static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new SerializationException(
          "Task not serializable: "
              + e.getMessage()
              + " is captured by a function but is not Serializable (mark it transient or"
              + " make it Serializable)",
          null);
    } catch (IOException e) {
      throw new SerializationException("Task not serializable", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Deserializes what a trusted peer sent (the driver's task binaries, after the executor
   * authenticated the driver). Data from executors goes through {@link #deserialize(byte[],
   * ObjectInputFilter)}.
   */
  public static <T> T deserialize(byte[] bytes) {
    return deserialize(bytes, null);
  }

  /**
   * Deserializes with an allow-list of classes.
   *
   * @param filter refuses classes and graphs it does not allow, or null for none
   * @throws SerializationException naming the refused class when the filter refuses one
   */
  @SuppressWarnings("unchecked")
  public static <T> T deserialize(byte[] bytes, ObjectInputFilter filter) {
    String[] refused = new String[1];
    try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
      if (filter != null) {
        in.setObjectInputFilter(
            info -> {
              ObjectInputFilter.Status status = filter.checkInput(info);
              if (status == ObjectInputFilter.Status.REJECTED) {
                refused[0] =
                    info.serialClass() != null
                        ? info.serialClass().getName()
                        : "a graph of depth "
                            + info.depth()
                            + " with "
                            + info.references()
                            + " references";
              }
              return status;
            });
      }
      return (T) in.readObject();
    } catch (java.io.InvalidClassException e) {
      if (refused[0] == null) {
        throw new SerializationException("Cannot deserialize task", e);
      }
      throw new SerializationException(
          "Refused to deserialize "
              + refused[0]
              + ": it is not among the classes allowed from executors (add it to"
              + " weft.rpc.deserialization.allowedClasses if it belongs to the application)",
          e);
    } catch (IOException | ClassNotFoundException e) {
      throw new SerializationException("Cannot deserialize task", e);
    }
  }

  private static final class ContextObjectInputStream extends ObjectInputStream {
    ContextObjectInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // fall through to the default resolution (primitive types and the like)
        }
      }
      return super.resolveClass(desc);
    }
  }
}
