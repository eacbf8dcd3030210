import { ANIMAL_TYPES } from "./catalog.js";
import { AGES, type Dataset, FLAG_MIXED, GENDERS, NONE, SIZES, STATUSES } from "./dataset.js";
import { apiDate, slug, truncate } from "./format.js";
import { hashInts, hexWords, unit } from "@cat-harvest/emulator-kit";
import { type PhotoObject, animalPhotos, animalUuid, primaryPhotoCropped } from "./photo-urls.js";
import type { AddressObject } from "./organization-view.js";
import { PLACES } from "./places.js";
import { DESCRIPTION_OPENINGS, PET_NAMES, TAGS } from "./words.js";

/** An animal as the API returns it: the 26 keys, in the API's order. */
export interface AnimalObject {
  id: number;
  organization_id: string;
  url: string;
  type: string;
  species: string;
  breeds: { primary: string; secondary: string | null; mixed: boolean; unknown: boolean };
  colors: { primary: string | null; secondary: string | null; tertiary: string | null };
  age: string;
  gender: string;
  size: string;
  coat: string | null;
  attributes: {
    spayed_neutered: boolean;
    house_trained: boolean;
    declawed: boolean | null;
    special_needs: boolean;
    shots_current: boolean;
  };
  environment: { children: boolean | null; dogs: boolean | null; cats: boolean | null };
  tags: string[];
  name: string;
  description: string | null;
  organization_animal_id: string | null;
  photos: PhotoObject[];
  primary_photo_cropped: PhotoObject | null;
  videos: Array<{ embed: string }>;
  status: string;
  status_changed_at: string;
  published_at: string;
  distance: number | null;
  contact: {
    email: string | null;
    phone: string | null;
    address: AddressObject;
  };
  _links: { self: { href: string }; type: { href: string }; organization: { href: string } };
}

/** The name of the animal at `index` (derived, so name searches need no stored strings). */
export function animalName(data: Dataset, index: number): string {
  return PET_NAMES[hashInts(data.seed, 0x4a3e, data.ids[index]!) % PET_NAMES.length]!;
}

function triState(h: number): boolean | null {
  const u = unit(h);
  return u < 0.4 ? null : u < 0.85;
}

/** The `environment` values (children, dogs, cats) of an animal. */
export function animalEnvironment(data: Dataset, index: number): [boolean | null, boolean | null, boolean | null] {
  const id = data.ids[index]!;
  return [triState(hashInts(data.seed, 0xe1, id)), triState(hashInts(data.seed, 0xe2, id)), triState(hashInts(data.seed, 0xe3, id))];
}

/** The `attributes` flags (house_trained, declawed, special_needs) filters look at. */
export function animalAttributes(data: Dataset, index: number): AnimalObject["attributes"] {
  const id = data.ids[index]!;
  const t = data.type[index]!;
  const u = (k: number) => unit(hashInts(data.seed, 0xa7, id, k));
  return {
    spayed_neutered: u(1) < 0.8,
    house_trained: u(2) < (t === 1 ? 0.75 : 0.45),
    declawed: t === 0 ? null : u(3) < 0.04,
    special_needs: u(4) < 0.05,
    shots_current: u(5) < 0.75,
  };
}

function mostlyNullColor(data: Dataset, index: number, k: number): string | null {
  const colors = ANIMAL_TYPES[data.type[index]!]!.colors;
  const h = hashInts(data.seed, 0xc0, data.ids[index]!, k);
  return unit(h) < 0.12 ? colors[h % colors.length]! : null;
}

/** Builds the full API object of the animal at `index`. */
export function animalObject(origin: string, data: Dataset, index: number, distance: number | null = null): AnimalObject {
  const seed = data.seed;
  const id = data.ids[index]!;
  const info = ANIMAL_TYPES[data.type[index]!]!;
  const org = data.organizations[data.org[index]!]!;
  const place = PLACES[org.placeIndex]!;
  const name = animalName(data, index);
  const h = (k: number) => hashInts(seed, 0xa0, id, k);
  const referrer = animalUuid(seed ^ 0x5eed, id);
  const status = data.status[index]!;
  const published = data.published[index]!;
  const changed = status === 0 ? published + (h(1) % 60) : published + 86400 * (1 + (h(1) % 60));
  const secondary = data.secondary[index]!;
  const [children, dogs, cats] = animalEnvironment(data, index);
  const tagCount = unit(h(2)) < 0.55 ? 0 : 1 + (h(3) % 3);
  const tags: string[] = [];
  for (let k = 0; k < tagCount; k++) {
    const tag = TAGS[hashInts(h(4), k) % TAGS.length]!;
    if (!tags.includes(tag)) tags.push(tag);
  }
  const description =
    unit(h(5)) < 0.85
      ? truncate(`${name} ${DESCRIPTION_OPENINGS[h(6) % DESCRIPTION_OPENINGS.length]}. Come meet ${name} at our adoption center &amp; see for yourself!`)
      : null;
  const videos =
    unit(h(7)) < 0.02
      ? [
          {
            embed: `<video controls><source src="${origin}/animal/${animalUuid(seed, id)}/video/${hexWords(h(8), h(9))}_converted.mp4" type="video/mp4"></video>`,
          },
        ]
      : [];
  const orgSlug = slug(org.name);
  const citySlug = slug(place.city);
  const typeSlug = info.slug;
  const coat = data.coat[index]!;
  const color = data.color[index]!;
  return {
    id,
    organization_id: org.id,
    url: `https://www.petfinder.com/${typeSlug}/${slug(name)}-${id}/${place.state.toLowerCase()}/${citySlug}/${orgSlug}-${org.id.toLowerCase()}/?referrer_id=${referrer}&utm_source=api&utm_medium=partnership&utm_content=${referrer}`,
    type: info.name,
    species: info.name,
    breeds: {
      primary: info.breeds[data.primary[index]!]!,
      secondary: secondary === NONE ? null : info.breeds[secondary]!,
      mixed: (data.flags[index]! & FLAG_MIXED) !== 0,
      unknown: false,
    },
    colors: {
      primary: color === NONE ? null : info.colors[color]!,
      secondary: color === NONE ? null : mostlyNullColor(data, index, 1),
      tertiary: null,
    },
    age: AGES[data.age[index]!]!,
    gender: GENDERS[data.gender[index]!]!,
    size: SIZES[data.size[index]!]!,
    coat: coat === NONE ? null : info.coats[coat]!,
    attributes: animalAttributes(data, index),
    environment: { children, dogs, cats },
    tags,
    name,
    description,
    organization_animal_id: unit(h(10)) < 0.5 ? null : `A${String(100000 + (h(11) % 900000))}`,
    photos: animalPhotos(origin, data, index),
    primary_photo_cropped: primaryPhotoCropped(origin, data, index),
    videos,
    status: STATUSES[status]!,
    status_changed_at: apiDate(changed),
    published_at: apiDate(published),
    distance,
    contact: {
      email: unit(h(12)) < 0.8 ? `adopt@${orgSlug}.example.org` : null,
      phone: unit(h(13)) < 0.7 ? `(${200 + (org.hash % 700)}) 555-${String(org.hash % 10000).padStart(4, "0")}` : null,
      address: {
        address1: unit(h(14)) < 0.3 ? `${1 + (org.hash % 9000)} Main Street` : null,
        address2: null,
        city: place.city,
        state: place.state,
        postcode: place.postcode,
        country: place.country,
      },
    },
    _links: {
      self: { href: `/v2/animals/${id}` },
      type: { href: `/v2/types/${typeSlug}` },
      organization: { href: `/v2/organizations/${org.id.toLowerCase()}` },
    },
  };
}
