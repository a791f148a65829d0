package coedit.todo.data;

/** One element of {@code $$todos}: the todo's text and when it was completed (null: open). */
public record TodoItem(String todo, Long completedAt) {
  public boolean completed() {
    return completedAt != null;
  }
}
