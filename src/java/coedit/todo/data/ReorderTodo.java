package coedit.todo.data;

import java.util.Objects;

/**
 * Move todo {@code fromIndex} of {@code userId}'s list so that it ends up at {@code toIndex};
 * the todos in between shift by one (like removing it, then inserting it at {@code toIndex}).
 */
public record ReorderTodo(String userId, int fromIndex, int toIndex) implements TodoEvent {
  public ReorderTodo {
    Objects.requireNonNull(userId, "userId");
  }
}
