package coedit.todo.data;

/** What the todo topology answers an ACK append with. */
public sealed interface TodoAck permits TodoAck.Done, TodoAck.Failed {

  /** Applied; {@code index} is the todo's position after the event. */
  record Done(int index) implements TodoAck {}

  /** Nothing changed; {@code error} says why. */
  record Failed(String error) implements TodoAck {}
}
