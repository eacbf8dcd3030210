/** Word lists for generated names and free text. */

export const PET_NAMES: readonly string[] = (
  "Pepper Luna Bella Oliver Leo Milo Charlie Simba Max Jack Loki Nala Kitty Lily Lucy Chloe Sophie " +
  "Cleo Oreo Smokey Shadow Tiger Tigger Ginger Mittens Boots Socks Whiskers Pumpkin Salem Midnight " +
  "Jasper Felix Gizmo Binx Mochi Biscuit Peanut Sunny Daisy Rosie Hazel Willow Olive Penny Juniper " +
  "Marble Pickles Noodle Waffles Beans Nugget Sprout Clover Maple Cinnamon Nutmeg Sage Basil Mango " +
  "Kiwi Coco Cocoa Latte Mocha Espresso Butterscotch Caramel Toffee Fudge Brownie Cookie Cupcake " +
  "Muffin Pudding Jellybean Sprinkles Marshmallow Snowball Blizzard Frost Storm Thunder Zeus Apollo " +
  "Athena Hera Artemis Freya Odin Thor Merlin Morgana Gandalf Frodo Samwise Pippin Bilbo Arwen " +
  "Alfredo Fred Ziggy Stardust Bowie Prince Elvis Dolly Reba Patsy Cash Johnny June Hank Waylon " +
  "Ruby Opal Jade Pearl Onyx Amber Garnet Topaz Sapphire Indigo Violet Scarlet Rusty Copper Bronze " +
  "Goldie Silver Sterling Ash Ember Blaze Sparky Flash Dash Bolt Rocket Comet Orion Nova Stella " +
  "Cosmo Astro Pixel Widget Gadget Button Buttons Zipper Velcro Pocket Tinker Bean Tofu Miso Sushi " +
  "Wasabi Ramen Udon Dumpling Bao Boba Taro Lychee Papaya Guava Figaro Romeo Juliet Hamlet Ophelia " +
  "Duchess Countess Baron Duke Earl Major Captain Admiral Sergeant Chief Bandit Rascal Scout Ranger " +
  "Hunter Tracker Buddy Pal Chum Scooter Skippy Hopper Thumper Clementine Lemon Lime Peaches Plum " +
  "Cherry Berry Blueberry Honey Sugar Sweetpea Buttercup Dandelion Poppy Tulip Iris Dahlia Lilac"
).split(" ");

export const TAGS: readonly string[] = [
  "Playful",
  "Friendly",
  "Affectionate",
  "Curious",
  "Gentle",
  "Independent",
  "Quiet",
  "Cuddly",
  "Funny",
  "Smart",
  "Loyal",
  "Shy",
  "Couch potato",
  "Lap cat",
  "Loves kisses",
  "Athletic",
];

export const DESCRIPTION_OPENINGS: readonly string[] = [
  "is a chatty soul who loves window watching and won&#039;t say no to a warm lap",
  "came to us as a stray and has blossomed into a confident, curious companion who adores toys",
  "is a gentle sweetheart looking for a quiet home where naps in the sun are a daily event",
  "loves to play with feather wands &amp; crinkle balls, then curl up next to you for a snooze",
  "is a little shy at first, but once you earn that trust you have a friend for life",
  "was surrendered when her family moved and is ready to find a forever home of her own",
  "is the king of the cat tree and will happily supervise everything you do around the house",
  "gets along with everyone at the shelter and greets visitors at the door like a host",
];

export const ORG_WORDS: readonly string[] = [
  "Paws",
  "Whiskers",
  "Second Chance",
  "Happy Tails",
  "Forever Home",
  "Rescue Ranch",
  "Safe Haven",
  "Kindred Spirits",
  "Purrfect Match",
  "Furry Friends",
  "Hope",
  "New Beginnings",
  "Lucky Star",
  "Gentle Hands",
  "Little Lions",
  "Harbor",
  "Good Shepherd",
  "Heartland",
  "Sunrise",
  "Open Door",
];

export const ORG_KINDS: readonly string[] = [
  "Animal Rescue",
  "Humane Society",
  "SPCA",
  "Animal Shelter",
  "Cat Rescue",
  "Pet Adoption Center",
  "Rescue League",
  "Animal Services",
  "Feline Friends",
  "Adoption Network",
];
