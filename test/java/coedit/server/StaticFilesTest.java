package coedit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coedit.editor.ModelDocumentService;
import coedit.server.core.ServerConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The browser client's files come from the classpath's /public; {@code /} is its index.html. */
class StaticFilesTest {
  @Test
  void theDemoPageIsServedAtTheRoot() throws Exception {
    InputStream index = StaticFilesTest.class.getResourceAsStream("/public/index.html");
    assumeTrue(index != null, "no browser client on the classpath");
    String expected = new String(index.readAllBytes(), StandardCharsets.UTF_8);
    ModelDocumentService service = new ModelDocumentService();
    try (CoeditServer server = CoeditServer.start(service, ServerConfig.defaults().withPort(0))) {
      Http.Response r = new Http(server.uri()).get("/");
      assertEquals(200, r.status());
      assertEquals(expected, r.body());
      assertTrue(new Http(server.uri()).get("/api/docs/x").body().contains("\"version\":0"));
    } finally {
      service.close();
    }
  }
}
