package coedit.engine.kafka;

import coedit.engine.ByteReader;
import coedit.engine.ByteWriter;
import coedit.engine.CodecException;
import coedit.engine.Portable;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The structural codec of the node-to-node channel: ack values, query arguments and
 * results, and proxy values and diffs cross instances as data, so modules need no codec for
 * them. It writes records (and so sealed records) component by component under their class
 * name, enums by name, strings, boxed primitives, byte arrays, lists, sets and maps, and
 * exceptions as class and message; a {@link Portable} goes as its plain-data record and is
 * restored on arrival. Anything else is a {@link CodecException} naming the
 * class. Decoding only instantiates records and enums, through their canonical
 * constructors, so a peer cannot make this instance run arbitrary constructors.
 */
final class Wire {

  private static final int NULL = 0, STRING = 1, LONG = 2, INT = 3, BOOL = 4, DOUBLE = 5,
      BYTES = 6, LIST = 7, MAP = 8, RECORD = 9, ENUM = 10, SHORT = 11, BYTE = 12, FLOAT = 13,
      CHAR = 14, SET = 15, ERROR = 16;

  private static final Map<String, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

  /** An exception that crossed the wire: its original class name and message. */
  record RemoteError(String type, String message) {}

  private Wire() {}

  static byte[] encode(Object value) {
    ByteWriter w = new ByteWriter(64);
    write(w, value);
    return w.toBytes();
  }

  static Object decode(byte[] bytes) {
    ByteReader r = new ByteReader("node-to-node message", bytes);
    Object v = read(r);
    r.end();
    return v;
  }

  static void write(ByteWriter w, Object v) {
    if (v == null) {
      w.u8(NULL);
    } else if (v instanceof String s) {
      w.u8(STRING);
      w.string(s);
    } else if (v instanceof Long l) {
      w.u8(LONG);
      w.i64(l);
    } else if (v instanceof Integer i) {
      w.u8(INT);
      w.i32(i);
    } else if (v instanceof Boolean b) {
      w.u8(BOOL);
      w.u8(b ? 1 : 0);
    } else if (v instanceof Double d) {
      w.u8(DOUBLE);
      w.i64(Double.doubleToRawLongBits(d));
    } else if (v instanceof Float f) {
      w.u8(FLOAT);
      w.i32(Float.floatToRawIntBits(f));
    } else if (v instanceof Short s) {
      w.u8(SHORT);
      w.i32(s);
    } else if (v instanceof Byte b) {
      w.u8(BYTE);
      w.u8(b);
    } else if (v instanceof Character c) {
      w.u8(CHAR);
      w.i32(c);
    } else if (v instanceof byte[] b) {
      w.u8(BYTES);
      w.i32(b.length);
      for (byte x : b) {
        w.u8(x);
      }
    } else if (v instanceof List<?> l) {
      w.u8(LIST);
      w.i32(l.size());
      for (Object o : l) {
        write(w, o);
      }
    } else if (v instanceof Set<?> s) {
      w.u8(SET);
      w.i32(s.size());
      for (Object o : s) {
        write(w, o);
      }
    } else if (v instanceof Map<?, ?> m) {
      w.u8(MAP);
      w.i32(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        write(w, e.getKey());
        write(w, e.getValue());
      }
    } else if (v instanceof Enum<?> e) {
      w.u8(ENUM);
      w.string(e.getDeclaringClass().getName());
      w.string(e.name());
    } else if (v instanceof Portable p) {
      writeRecord(w, (Record) p.portable()); // rebuilt by its restore() on the other side
    } else if (v instanceof Record r) {
      writeRecord(w, r);
    } else if (v instanceof RemoteError e) {
      w.u8(ERROR);
      w.string(e.type());
      w.string(e.message());
    } else if (v instanceof Throwable t) {
      w.u8(ERROR);
      w.string(t.getClass().getName());
      w.string(t.getMessage());
    } else {
      throw new CodecException("cannot send a " + v.getClass().getName() + " between engine"
          + " instances: ack values, query arguments and results, and watched values must be"
          + " records, enums, strings, boxed primitives, byte[], lists, sets or maps of them");
    }
  }

  private static void writeRecord(ByteWriter w, Record r) {
    RecordComponent[] cs = r.getClass().getRecordComponents();
    w.u8(RECORD);
    w.string(r.getClass().getName());
    w.i32(cs.length);
    for (RecordComponent c : cs) {
      try {
        var accessor = c.getAccessor();
        accessor.setAccessible(true);
        write(w, accessor.invoke(r));
      } catch (ReflectiveOperationException e) {
        throw new CodecException("cannot read component " + c.getName() + " of "
            + r.getClass().getName() + ": " + e, e);
      }
    }
  }

  static Object read(ByteReader r) {
    int tag = r.u8();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return r.string();
      case LONG:
        return r.i64();
      case INT:
        return r.i32();
      case BOOL:
        return r.u8() != 0;
      case DOUBLE:
        return Double.longBitsToDouble(r.i64());
      case FLOAT:
        return Float.intBitsToFloat(r.i32());
      case SHORT:
        return (short) r.i32();
      case BYTE:
        return (byte) r.u8();
      case CHAR:
        return (char) r.i32();
      case BYTES: {
        int n = r.i32();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
          b[i] = (byte) r.u8();
        }
        return b;
      }
      case LIST: {
        int n = r.i32();
        List<Object> l = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
          l.add(read(r));
        }
        return java.util.Collections.unmodifiableList(l);
      }
      case SET: {
        int n = r.i32();
        Set<Object> s = new HashSet<>();
        for (int i = 0; i < n; i++) {
          s.add(read(r));
        }
        return java.util.Collections.unmodifiableSet(s);
      }
      case MAP: {
        int n = r.i32();
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          Object k = read(r);
          m.put(k, read(r));
        }
        return java.util.Collections.unmodifiableMap(m);
      }
      case ENUM:
        return readEnum(r.string(), r.string());
      case RECORD:
        return readRecord(r);
      case ERROR:
        return new RemoteError(r.string(), r.string());
      default:
        throw r.bad("unknown tag " + tag);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object readEnum(String type, String name) {
    Class<?> c = load(type);
    if (!c.isEnum()) {
      throw new CodecException(type + " is not an enum");
    }
    return Enum.valueOf((Class) c, name);
  }

  private static Object readRecord(ByteReader r) {
    String type = r.string();
    int n = r.i32();
    Constructor<?> ctor = CONSTRUCTORS.computeIfAbsent(type, Wire::canonical);
    if (ctor.getParameterCount() != n) {
      throw new CodecException(type + " has " + ctor.getParameterCount() + " components here, "
          + n + " on the sender: the instances run different versions");
    }
    Object[] args = new Object[n];
    for (int i = 0; i < n; i++) {
      args[i] = read(r);
    }
    Object value;
    try {
      value = ctor.newInstance(args);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new CodecException("cannot rebuild a " + type + ": " + e, e);
    }
    return value instanceof Portable.Restorable p ? p.restore() : value;
  }

  private static Constructor<?> canonical(String type) {
    Class<?> c = load(type);
    if (!c.isRecord()) {
      throw new CodecException(type + " is not a record");
    }
    RecordComponent[] cs = c.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
    }
    try {
      Constructor<?> ctor = c.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor;
    } catch (ReflectiveOperationException e) {
      throw new CodecException("no canonical constructor in " + type + ": " + e, e);
    }
  }

  private static Class<?> load(String type) {
    try {
      return Class.forName(type, false, Wire.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new CodecException("unknown class " + type + " from another engine instance", e);
    }
  }
}
