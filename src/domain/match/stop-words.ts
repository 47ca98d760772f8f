/**
 * Function words dropped by the paraphrase channel before stemming, as the best PAN text
 * alignment systems did (Sanchez-Perez, Sidorov & Gelbukh 2014 remove stop words; Stamatatos
 * 2011 shows they carry style, not content). The verbatim channel keeps every word.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further ' +
    'had has have having he her here hers herself him himself his how i if in into is it its itself ' +
    'just me more most my myself no nor not now of off on once only or other our ours ourselves out ' +
    'over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which ' +
    'while who whom why will with would you your yours yourself yourselves also said says say ' +
    'told according would may might must shall us mr mrs ms one s t'
  ).split(' '),
);
