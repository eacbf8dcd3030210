import type { Dataset, OrganizationRecord } from "./dataset.js";
import { slug, truncate } from "./format.js";
import { hashInts, unit } from "@cat-harvest/emulator-kit";
import { PLACES } from "./places.js";

const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** A postal address as animals' contacts and organizations carry it. */
export interface AddressObject {
  address1: string | null;
  address2: string | null;
  city: string;
  state: string;
  postcode: string;
  country: string;
}

/** An organization as the API returns it. */
export interface OrganizationObject {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: AddressObject;
  hours: Record<(typeof DAYS)[number], string | null>;
  url: string;
  website: string | null;
  mission_statement: string | null;
  adoption: { policy: string | null; url: string | null };
  social_media: {
    facebook: string | null;
    twitter: string | null;
    youtube: string | null;
    instagram: string | null;
    pinterest: string | null;
  };
  photos: never[];
  distance: number | null;
  _links: { self: { href: string }; animals: { href: string } };
}

/** Builds the API object of an organization. */
export function organizationObject(data: Dataset, org: OrganizationRecord, distance: number | null = null): OrganizationObject {
  const place = PLACES[org.placeIndex]!;
  const u = (k: number) => unit(hashInts(data.seed, org.hash, k));
  const s = slug(org.name);
  const lowerId = org.id.toLowerCase();
  const withHours = u(1) < 0.06;
  const hours = Object.fromEntries(
    DAYS.map((d, i) => [d, withHours ? (i < 5 ? "10am-5pm" : i === 5 ? "11am-3pm" : "By appointment only") : null]),
  ) as OrganizationObject["hours"];
  const website = u(2) < 0.6 ? `https://${s}.example.org` : null;
  return {
    id: org.id,
    name: org.name,
    email: u(3) < 0.85 ? `info@${s}.example.org` : null,
    phone: u(4) < 0.75 ? `(${200 + (org.hash % 700)}) 555-${String(org.hash % 10000).padStart(4, "0")}` : null,
    address: {
      address1: u(5) < 0.4 ? `${1 + (org.hash % 9000)} Shelter Road` : null,
      address2: null,
      city: place.city,
      state: place.state,
      postcode: place.postcode,
      country: place.country,
    },
    hours,
    url: `https://www.petfinder.com/member/${place.country.toLowerCase()}/${place.state.toLowerCase()}/${slug(place.city)}/${s}-${lowerId}/?referrer_id=${hashInts(org.hash, 9).toString(16)}`,
    website,
    mission_statement:
      u(6) < 0.5
        ? truncate(
            `${org.name} is a volunteer-run organization finding loving homes for cats, dogs and other animals in and around ${place.city} since ${1980 + (org.hash % 40)}.`,
          )
        : null,
    adoption: {
      policy:
        u(7) < 0.4 ? truncate("Adopters must be 21 or older, complete an application and agree to a home visit. Fees include spay/neuter and vaccines.") : null,
      url: website && u(8) < 0.5 ? `${website}/adopt` : null,
    },
    social_media: {
      facebook: u(10) < 0.5 ? `https://www.facebook.com/${s}` : null,
      twitter: null,
      youtube: null,
      instagram: u(11) < 0.3 ? `https://www.instagram.com/${s.replace(/-/g, "")}` : null,
      pinterest: null,
    },
    photos: [],
    distance,
    _links: {
      self: { href: `/v2/organizations/${lowerId}` },
      animals: { href: `/v2/animals?organization=${lowerId}` },
    },
  };
}
