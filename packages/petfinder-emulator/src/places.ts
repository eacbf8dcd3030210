/** Cities organizations are placed in: enough variety for location and distance searches. */
export interface Place {
  readonly city: string;
  readonly state: string;
  readonly country: "US" | "CA";
  readonly postcode: string;
  readonly latitude: number;
  readonly longitude: number;
  /** Relative number of organizations. */
  readonly weight: number;
}

const p = (city: string, state: string, postcode: string, latitude: number, longitude: number, weight: number, country: "US" | "CA" = "US"): Place => ({
  city,
  state,
  country,
  postcode,
  latitude,
  longitude,
  weight,
});

export const PLACES: readonly Place[] = [
  p("New York", "NY", "10001", 40.7506, -73.9972, 9),
  p("Buffalo", "NY", "14201", 42.8995, -78.8867, 3),
  p("Los Angeles", "CA", "90012", 34.0614, -118.2385, 9),
  p("San Diego", "CA", "92101", 32.719, -117.1628, 5),
  p("San Francisco", "CA", "94103", 37.7725, -122.4147, 5),
  p("Sacramento", "CA", "95814", 38.5804, -121.4922, 4),
  p("Chicago", "IL", "60607", 41.8722, -87.6512, 7),
  p("Houston", "TX", "77002", 29.756, -95.3653, 7),
  p("Dallas", "TX", "75201", 32.7904, -96.8044, 6),
  p("Austin", "TX", "78701", 30.2711, -97.7437, 5),
  p("San Antonio", "TX", "78205", 29.4246, -98.4868, 4),
  p("Phoenix", "AZ", "85004", 33.4515, -112.0685, 6),
  p("Tucson", "AZ", "85701", 32.2165, -110.971, 3),
  p("Philadelphia", "PA", "19103", 39.9525, -75.1736, 5),
  p("Pittsburgh", "PA", "15222", 40.4495, -79.989, 3),
  p("Jacksonville", "FL", "32202", 30.3254, -81.6504, 4),
  p("Miami", "FL", "33130", 25.7684, -80.2043, 5),
  p("Tampa", "FL", "33602", 27.9513, -82.4578, 4),
  p("Orlando", "FL", "32801", 28.5398, -81.373, 4),
  p("Columbus", "OH", "43215", 39.9653, -83.0043, 4),
  p("Cleveland", "OH", "44113", 41.4819, -81.6937, 3),
  p("Charlotte", "NC", "28202", 35.2279, -80.8447, 4),
  p("Raleigh", "NC", "27601", 35.7724, -78.6382, 3),
  p("Indianapolis", "IN", "46204", 39.7714, -86.1565, 4),
  p("Seattle", "WA", "98101", 47.611, -122.3347, 5),
  p("Spokane", "WA", "99201", 47.664, -117.4358, 2),
  p("Denver", "CO", "80202", 39.7527, -104.9998, 5),
  p("Boston", "MA", "02108", 42.3576, -71.0645, 4),
  p("Nashville", "TN", "37203", 36.1507, -86.7898, 4),
  p("Memphis", "TN", "38103", 35.1528, -90.0471, 3),
  p("Portland", "OR", "97204", 45.5185, -122.6743, 4),
  p("Salem", "OR", "97301", 44.949, -122.9986, 2),
  p("Las Vegas", "NV", "89101", 36.172, -115.1224, 4),
  p("Detroit", "MI", "48226", 42.3312, -83.0485, 4),
  p("Grand Rapids", "MI", "49503", 42.9655, -85.6716, 2),
  p("Milwaukee", "WI", "53202", 43.0463, -87.8995, 3),
  p("Madison", "WI", "53703", 43.0787, -89.3791, 2),
  p("Minneapolis", "MN", "55401", 44.9848, -93.2702, 4),
  p("Atlanta", "GA", "30303", 33.7529, -84.3915, 5),
  p("Kansas City", "MO", "64106", 39.1064, -94.5664, 3),
  p("St. Louis", "MO", "63101", 38.6318, -90.1923, 3),
  p("Baltimore", "MD", "21201", 39.2946, -76.6252, 3),
  p("Richmond", "VA", "23219", 37.5407, -77.436, 3),
  p("Salt Lake City", "UT", "84101", 40.7562, -111.8998, 3),
  p("Albuquerque", "NM", "87102", 35.082, -106.6479, 2),
  p("Oklahoma City", "OK", "73102", 35.4707, -97.5189, 3),
  p("Louisville", "KY", "40202", 38.254, -85.752, 3),
  p("New Orleans", "LA", "70112", 29.9576, -90.0787, 3),
  p("Birmingham", "AL", "35203", 33.5198, -86.8104, 2),
  p("Boise", "ID", "83702", 43.6322, -116.2063, 2),
  p("Burlington", "VT", "05401", 44.4771, -73.2122, 1),
  p("Portland", "ME", "04101", 43.6615, -70.2553, 1),
  p("Anchorage", "AK", "99501", 61.2167, -149.8787, 1),
  p("Honolulu", "HI", "96813", 21.3099, -157.8581, 1),
  p("Toronto", "ON", "M5V 3L9", 43.6426, -79.3871, 4, "CA"),
  p("Etobicoke", "ON", "M9A 3V3", 43.6677, -79.529, 2, "CA"),
  p("Ottawa", "ON", "K1P 5J9", 45.4215, -75.6972, 2, "CA"),
  p("Montreal", "QC", "H3B 4W8", 45.5017, -73.5673, 3, "CA"),
  p("Vancouver", "BC", "V6B 4Y8", 49.2827, -123.1207, 3, "CA"),
  p("Calgary", "AB", "T2P 2M5", 51.0447, -114.0719, 2, "CA"),
];

/** US states and Canadian provinces that exist, for validating `state`. */
export const STATE_CODES: ReadonlySet<string> = new Set([
  ..."AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split(
    " ",
  ),
  ..."AB BC MB NB NL NS NT NU ON PE QC SK YT".split(" "),
]);

/** Great-circle distance in miles. */
export function distanceMiles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 3958.8 * 2 * Math.asin(Math.min(1, Math.sqrt(a)));
}
