/**
 * Typed classification: an analyst records legally neutral {@link org.tideline.server.classification.Attributes}
 * once, and every scheme's {@link org.tideline.server.classification.Verdict} (industry A1/A2/B1/B2, IWF A/B/C,
 * INTERPOL baseline, and any national rule a deployment adds) is derived from them by a
 * {@link org.tideline.server.classification.Classifier}. Deriving rather than recording verdicts means a new scheme,
 * or a corrected rule, re-classifies stored items without anyone looking at them again.
 */
package org.tideline.server.classification;
