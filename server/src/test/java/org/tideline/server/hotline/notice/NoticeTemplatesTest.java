package org.tideline.server.hotline.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tideline.server.hotline.notice.Notices.notice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoticeTemplatesTest {

    private static final NoticeTemplates TEMPLATES = NoticeTemplates.builtIn();

    @TempDir
    Path dir;

    @Test
    void built_in_languages_are_english_and_italian() {
        assertThat(TEMPLATES.languages()).containsExactly("en", "it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "it"})
    void every_placeholder_is_filled_in_both_languages_and_both_variants(String language) {
        for (boolean escalation : new boolean[] {false, true}) {
            NoticeMessage m = TEMPLATES.render(notice(language, escalation ? 4 : 2, escalation));

            assertThat(m.subject()).contains("[TL-7K3M-Q9XP]", "Test Hotline").doesNotContain("{", "}");
            assertThat(m.text()).doesNotContain("{", "}")
                    .contains("TL-7K3M-Q9XP", "Test Hotline", "notices@hotline.test", "https://hotline.test",
                            "2025-03-14 09:30 UTC")
                    .contains("\n    https://files.example/gallery/123\n    https://files.example/i/9.jpg\n");
            assertThat(m.text().lines()).allMatch(l -> l.length() <= 72 || l.startsWith("    "));
        }
    }

    @Test
    void english_notice_names_the_category_neutrally_and_the_attempt() {
        NoticeMessage m = TEMPLATES.render(notice("en", 2, false));

        assertThat(m.subject()).isEqualTo(
                "[TL-7K3M-Q9XP] Test Hotline: request to remove child sexual abuse material (notice 2)");
        assertThat(m.text()).contains("This is notice number 2 about this content.\n");
        assertThat(oneLine(m.text())).contains("assessed the content at the following address(es) as child sexual"
                + " abuse material.", "stored on a server on your network");
    }

    @Test
    void italian_notice_is_in_italian() {
        NoticeMessage m = TEMPLATES.render(notice("it", 1, false));

        assertThat(m.subject()).isEqualTo("[TL-7K3M-Q9XP] Test Hotline: richiesta di rimozione di materiale"
                + " pedopornografico (avviso 1)");
        assertThat(m.text()).startsWith("Spettabile servizio abuse,")
                .contains("Questo è l'avviso numero 1 relativo a questo contenuto.")
                .contains("Prima segnalazione ricevuta: 2025-03-14 09:30 UTC");
    }

    @Test
    void every_notice_asks_for_evidence_to_be_preserved_and_the_uploader_not_told() {
        String en = oneLine(TEMPLATES.render(notice("en", 1, false)).text());
        assertThat(en).contains("EVIDENCE PRESERVATION REQUEST", "preserve a copy of it together with the logs and"
                + " account data", "available to law enforcement", "please do not inform the account holder or the"
                + " uploader");
        assertThat(oneLine(TEMPLATES.render(notice("en", 5, true)).text())).contains("EVIDENCE PRESERVATION REQUEST");

        String it = oneLine(TEMPLATES.render(notice("it", 1, false)).text());
        assertThat(it).contains("RICHIESTA DI CONSERVAZIONE DELLE PROVE", "conservarne una copia insieme ai log e ai"
                + " dati dell'account", "a disposizione delle forze dell'ordine", "non informare di questo avviso il"
                + " titolare dell'account");
        assertThat(oneLine(TEMPLATES.render(notice("it", 5, true)).text())).contains("CONSERVAZIONE DELLE PROVE");
    }

    @Test
    void escalation_uses_the_stronger_wording_and_counts_earlier_notices() {
        Notice upstream = notice(new Recipient(RecipientKind.UPSTREAM, "noc@transit.test"), "en", 4, true);
        NoticeMessage m = TEMPLATES.render(upstream);

        assertThat(m.subject()).isEqualTo("[TL-7K3M-Q9XP] Test Hotline: ESCALATION - child sexual abuse material"
                + " still available (notice 4)");
        assertThat(oneLine(m.text())).contains("has been notified 3 time(s) since 2025-03-14 09:30 UTC",
                "you provide network connectivity to the provider", "we will inform the competent authorities");

        NoticeMessage it = TEMPLATES.render(notice(new Recipient(RecipientKind.UPSTREAM, "noc@transit.test"), "it",
                4, true));
        assertThat(it.subject()).contains("SOLLECITO", "(avviso 4)");
        assertThat(oneLine(it.text())).contains("avvisato 3 volta/e dal 2025-03-14 09:30 UTC");
    }

    @Test
    void the_settings_decide_when_a_notice_escalates() {
        NoticeSettings settings = NoticeSettings.defaults();

        assertThat(List.of(1, 2, 3, 4, 5).stream().map(settings::escalates).toList())
                .containsExactly(false, false, false, true, true);
    }

    @Test
    void each_recipient_kind_gets_its_own_request() {
        for (RecipientKind kind : RecipientKind.values()) {
            String text = oneLine(TEMPLATES.render(notice(new Recipient(kind, "abuse@provider.test"), "en", 1, false))
                    .text());
            switch (kind) {
                case HOST -> assertThat(text).contains("stored on a server on your network");
                case CDN -> assertThat(text).contains("hosting provider of the origin server");
                case REGISTRAR -> assertThat(text).contains("such as suspending the domain");
                case UPSTREAM -> assertThat(text).contains("you provide network connectivity");
            }
        }
    }

    @Test
    void message_id_is_the_same_for_a_resend_of_one_attempt_and_differs_for_the_next() {
        NoticeMessage first = TEMPLATES.render(notice("en", 2, false));
        NoticeMessage resend = TEMPLATES.render(notice("it", 2, false));
        NoticeMessage next = TEMPLATES.render(notice("en", 3, false));

        assertThat(first.messageId()).isEqualTo("<notice-42.2.host@hotline.test>").isEqualTo(resend.messageId());
        assertThat(next.messageId()).isEqualTo("<notice-42.3.host@hotline.test>");
        assertThat(first.headers()).containsEntry("Auto-Submitted", "auto-generated")
                .containsEntry("X-Tideline-Reference", "TL-7K3M-Q9XP").containsEntry("X-Tideline-Attempt", "2");
    }

    @Test
    void a_missing_website_leaves_no_empty_line_behind() {
        Notice n = new Notice("7", new Recipient(RecipientKind.HOST, "abuse@host.test"), "en", "TL-1", Notices.URLS,
                NoticeCategory.GENERATED_CSAM, Notices.FIRST_REPORTED, 1, false,
                new HotlineIdentity("Test Hotline", "notices@hotline.test", Optional.empty()));

        String text = TEMPLATES.render(n).text();

        assertThat(text).endsWith("Test Hotline\nnotices@hotline.test\n");
        assertThat(oneLine(text)).contains("computer-generated or AI-generated child sexual abuse material");
    }

    @Test
    void values_are_not_expanded_twice() {
        Notice n = new Notice("7", new Recipient(RecipientKind.HOST, "abuse@host.test"), "en", "TL-1",
                List.of("https://files.example/{reference}/{urls}"), NoticeCategory.CSAM, Notices.FIRST_REPORTED, 1,
                false, new HotlineIdentity("Hotline {preservation}", "notices@hotline.test", Optional.empty()));

        NoticeMessage m = TEMPLATES.render(n);

        assertThat(m.text()).contains("    https://files.example/{reference}/{urls}\n");
        assertThat(m.subject()).contains("Hotline {preservation}");
    }

    @Test
    void refuses_a_language_it_has_no_templates_for() {
        assertThatThrownBy(() -> TEMPLATES.render(notice("de", 1, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no notice templates for language de");
    }

    @Test
    void a_directory_adds_a_language() throws Exception {
        copyBuiltIn("en", "de");
        Files.writeString(dir.resolve("notice_de.txt"), """
                Subject: [{reference}] Entfernungsersuchen (Hinweis {attempt})

                {recipient.role}

                {urls}

                Referenz: {reference}

                {preservation}
                """);

        NoticeTemplates templates = NoticeTemplates.load(dir);

        assertThat(templates.languages()).containsExactly("de", "en", "it");
        assertThat(templates.render(notice("de", 1, false)).subject())
                .isEqualTo("[TL-7K3M-Q9XP] Entfernungsersuchen (Hinweis 1)");
    }

    @Test
    void a_template_without_the_preservation_request_or_with_a_misspelt_placeholder_is_refused() throws Exception {
        copyBuiltIn("en", "de");
        Files.writeString(dir.resolve("notice_de.txt"), "Subject: [{reference}] {attempt}\n\n{urls}\n{reference}\n");
        assertThatThrownBy(() -> NoticeTemplates.load(dir)).hasMessageContaining("notice_de.txt")
                .hasMessageContaining("{preservation}");

        Files.writeString(dir.resolve("notice_de.txt"),
                "Subject: [{reference}] {attempt}\n\n{urls}\n{refrence}\n{preservation}\n");
        assertThatThrownBy(() -> NoticeTemplates.load(dir)).hasMessageContaining("unknown placeholder {refrence}");

        Files.writeString(dir.resolve("notice_de.txt"),
                "Subject: [{reference}] {attempt} {urls}\n\n{urls}\n{reference}\n{preservation}\n");
        assertThatThrownBy(() -> NoticeTemplates.load(dir)).hasMessageContaining("belong in the body");
    }

    @Test
    void a_language_missing_a_category_is_refused_at_load() throws Exception {
        copyBuiltIn("en", "de");
        String words = Files.readString(dir.resolve("words_de.properties"));
        Files.writeString(dir.resolve("words_de.properties"),
                words.replaceAll("(?m)^category\\.GENERATED_CSAM.*$", ""));

        assertThatThrownBy(() -> NoticeTemplates.load(dir))
                .hasMessageContaining("words_de.properties: category.GENERATED_CSAM is missing");
    }

    private void copyBuiltIn(String from, String to) throws Exception {
        for (String name : List.of("notice_", "escalation_", "words_")) {
            String ext = name.equals("words_") ? ".properties" : ".txt";
            try (var in = NoticeTemplates.class.getResourceAsStream(name + from + ext)) {
                Files.write(dir.resolve(name + to + ext), in.readAllBytes());
            }
        }
    }

    /** The body with its wrapping undone, so phrases can be checked whatever the line breaks. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
