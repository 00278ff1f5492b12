package org.tideline.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CriminalVerdictTest {

    @Test
    void sharedNonOffenceValuesAndNationalNotOutcomesNeverCountAsCriminal() {
        assertThat(CaptureWorker.criminalVerdict("IWF=IWF_C")).isTrue();
        assertThat(CaptureWorker.criminalVerdict("INDUSTRY=A1")).isTrue();
        assertThat(CaptureWorker.criminalVerdict("IT_CP=ILLEGAL_600_TER")).isTrue();
        assertThat(CaptureWorker.criminalVerdict("IWF=NOT_ILLEGAL")).isFalse();
        assertThat(CaptureWorker.criminalVerdict("INDUSTRY=NOT_IN_SCOPE")).isFalse();
        assertThat(CaptureWorker.criminalVerdict("INTERPOL_BASELINE=NOT_BASELINE")).isFalse();
        assertThat(CaptureWorker.criminalVerdict("IWF=AGE_UNDETERMINED")).isFalse();
        assertThat(CaptureWorker.criminalVerdict("IT_CP=NOT_PUNISHABLE")).isFalse();
        assertThat(CaptureWorker.criminalVerdict("IT_CP=")).isFalse();
    }
}
