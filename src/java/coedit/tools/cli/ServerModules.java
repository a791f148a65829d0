package coedit.tools.cli;

import coedit.editor.CollaborativeDocumentEditorModule;
import coedit.editor.EditorConfig;
import coedit.engine.Module;
import coedit.todo.TodoModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The modules coedit's server ships, for the commands that work on a data directory. */
final class ServerModules {
  private ServerModules() {}

  /** Every server module, in the order the commands process them. */
  static List<Module> all() {
    return List.of(new CollaborativeDocumentEditorModule(), new TodoModule());
  }

  /**
   * The server modules that have data under {@code dataDir}, the editor with the history
   * retention it was served with ({@link RetentionFile}), so a recompute matches its data.
   */
  static List<Module> withData(Path dataDir) {
    EditorConfig editor = EditorConfig.defaults().withRetention(RetentionFile.read(dataDir));
    return List.<Module>of(new CollaborativeDocumentEditorModule(editor), new TodoModule()).stream()
        .filter(m -> Files.isDirectory(dataDir.resolve(m.name()))).toList();
  }
}
