package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void csrfFromTheLoginForm() {
        String html = """
                <form action="/login" method="post" id="login-form"><input type="hidden" name="_csrf" value="Ab-c_D=="/>
                    <input id="username" name="username" type="text">
                </form>""";
        assertEquals(Optional.of("Ab-c_D=="), Html.csrfToken(html));
    }

    @Test
    void csrfWithAttributesInAnyOrderOrFromTheMetaTag() {
        assertEquals(Optional.of("x1"), Html.csrfToken("<INPUT value='x1' type=\"hidden\" name='_csrf'>"));
        assertEquals(Optional.of("m&2"), Html.csrfToken(
                "<meta name=\"csrf-token\" content=\"m&amp;2\"><input name=\"other\" value=\"no\">"));
        assertEquals(Optional.empty(), Html.csrfToken("<input name=\"_csrf_not\" value=\"no\">"));
    }

    @Test
    void nextPageLink() {
        String html = """
                <a href="/calls/5">one</a>
                <nav><a href="/calls?x=700200000000001">newest</a>
                <a rel="next" class="pager-next" href="/calls?x=700200000000001&amp;after=MTcwMDAwMDAwMDAwMC40Mg">Older</a></nav>""";
        assertEquals(List.of("/calls/5", "/calls?x=700200000000001",
                "/calls?x=700200000000001&after=MTcwMDAwMDAwMDAwMC40Mg"), Html.hrefs(html));
        assertEquals(Optional.of("/calls?x=700200000000001&after=MTcwMDAwMDAwMDAwMC40Mg"), Html.nextPageLink(html));
        assertTrue(Html.nextPageLink("<a href=\"/calls?before=abc\">newer</a>").isEmpty());
        assertEquals(Optional.of("/calls?after=abc"), Html.nextPageLink("<a href=\"/calls?after=abc\">older</a>"));
    }
}
