/**
 * The word list behind offensive.ts, written for this book (not copied from a
 * published list). The SpamAssassin corpus holds adult and abusive spam and
 * instructors project these pages, so anything a page shows from a corpus is
 * checked against it. Three kinds of entry, all lower case:
 * - infix: offensive wherever the letters appear inside a word or URL
 *   ("bullshit", "freeporn.com"); only stems no innocent English word contains.
 * - prefix: offensive at the start of a word, with any ending ("bitches").
 * - exact: offensive only as the whole word, because longer words that start
 *   with the letters are innocent ("ass" but not "assistant", "anal" but not
 *   "analysis", "cum" but not "cumulative"); plurals are listed.
 * Left out on purpose, with the reason checked against the packed corpora:
 * "dick" (Moby-Dick's title, 83 times in its text), "queer" (44 times in
 * Moby-Dick, meaning strange), "prick" and "screw" (verbs there), "gay"
 * (Melville's "merry", and an identity word), "homo" (homo sapiens), "negro"
 * (23 times in Moby-Dick as the period's neutral word), "damn", "hell" and
 * "crap" (mild); "tit", "fetish", "booty", "bondage", "cock" (weather-cocks,
 * cock and bull), "asses", "orgies", "chinks" and "ejaculate" (other senses in
 * Moby-Dick, checked in tests/unit/offensiveFilter.test.ts), body words used medically ("breast", "vagina", "penis" is in:
 * it appears only in the spam's adverts).
 */
export const OFFENSIVE_TERMS = {
  infix: ['fuck', 'shit', 'porn', 'xxx', 'nigger', 'nigga', 'cocksuck', 'masturbat', 'blowjob', 'handjob', 'cumshot', 'gangbang', 'bukkake', 'bestiality'],
  prefix: [
    'cunt', 'bitch', 'bastard', 'whore', 'slut', 'wank', 'jizz', 'dildo', 'orgasm', 'erotic', 'incest', 'nympho', 'hentai',
    'piss', 'asshole', 'arsehole', 'dickhead', 'faggot', 'wetback', 'raghead', 'towelhead', 'tranny', 'pedophil', 'paedophil', 'twat',
  ],
  exact: [
    'ass', 'arse', 'arses', 'jackass', 'dumbass', 'smartass', 'badass', 'fatass',
    'pussy', 'pussies', 'tits', 'titty', 'titties', 'boob', 'boobs', 'penis', 'penises',
    'clit', 'clits', 'clitoris', 'anal', 'cum', 'cums', 'spunk', 'horny', 'kinky', 'nude', 'nudes', 'nudity',
    'sex', 'sexy', 'sexual', 'sexually', 'hardcore', 'milf', 'milfs', 'stripper', 'strippers',
    'rape', 'raped', 'rapes', 'raping', 'rapist', 'rapists',
    'fag', 'fags', 'dyke', 'dykes', 'retard', 'retards', 'spic', 'spics', 'kike', 'kikes', 'gook', 'gooks', 'coon', 'coons', 'beaner', 'beaners', 'paki', 'pakis',
  ],
} as const;
