import type { SourceCitation } from '@app/domain';

/**
 * The network's press release of 5 October 2017, as republished by its member Sachsenland Transport & Logistik
 * (the copy that carries the release's date line, "Leipzig / Kasan, 5. Oktober 2017"). It is the source of nearly
 * the whole story: the Kazan visit and the meeting with the minister, first contact in March at Intec and Z during
 * the President's visit, about 130 members, the cross-membership "last year", TransRussia "since 2010".
 */
export const PRESS_RELEASE_KAZAN_2017: SourceCitation = {
  kind: 'press-release',
  title: 'Kontakte in Russland vertiefen und ausbauen – Mitteldeutsches Logistiknetzwerk in Tatarstan vorgestellt',
  publisher: 'Netzwerk Logistik Leipzig-Halle e.V.',
  publishedOn: '2017-10-05',
  url: 'https://www.sachsenland-gmbh.de/kontakte-in-russland-vertiefen-und-ausbauen/',
};

/** Since when Rustam Minnikhanov has been President: the list of office holders, "since 25 March 2010". */
export const PRESIDENTS_OF_TATARSTAN: SourceCitation = {
  kind: 'website',
  title: 'President of the Republic of Tatarstan',
  publisher: 'Wikipedia',
  url: 'https://en.wikipedia.org/wiki/President_of_the_Republic_of_Tatarstan',
};

/** Intec and Z have been held together every two years since 2009. */
export const INTEC_Z_EVERY_TWO_YEARS: SourceCitation = {
  kind: 'article',
  title: 'Turnuswechsel für Leipziger Messeduo: Zuliefermesse und intec ab 2009 im Zwei-Jahres-Rhythmus',
  publisher: 'zerspanungstechnik.de',
  publishedOn: '2008-12-25',
  url: 'https://www.zerspanungstechnik.de/blog/2008/12/25/turnuswechsel-fuer-leipziger-messeduo/',
};

/** TransRussia as Russia's largest transport and logistics fair, held in Moscow each spring, the network exhibiting. */
export const TRANSRUSSIA_2013: SourceCitation = {
  kind: 'article',
  title: 'Netzwerk Logistik Leipzig-Halle auf TransRussia',
  publisher: 'Leipziger Internet Zeitung',
  publishedOn: '2013-04',
  url: 'https://www.l-iz.de/wirtschaft/metropolregion/2013/04/Netzwerk-Logistik-Leipzig-Halle-auf-TransRussia-47832',
};

/**
 * Registrations, roles, openings and stage changes take no `source` in the API (only recorded facts do), so their
 * `reason` names it: auditors find it beside the actor in the event's metadata.
 */
export function citing(source: SourceCitation, detail?: string): string {
  const published = [source.publisher, source.publishedOn].filter((part) => part !== undefined).join(', ');
  const citation = `${source.kind} “${source.title}”${published ? ` (${published})` : ''}${source.url ? ` ${source.url}` : ''}`;
  return `Sample story${detail ? `: ${detail}` : ''}. Source: ${citation}`;
}
