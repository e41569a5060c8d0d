/** The seeded catalog's vocabulary: each category has its own nouns, qualities and prices. */
export interface CategorySpec {
  slug: string;
  name: string;
  /** What the category sells, each with a believable price band in dollars. */
  nouns: Record<string, [number, number]>;
  qualities: string[];
  children?: CategorySpec[];
}

export const ADJECTIVES = [
  'Classic',
  'Compact',
  'Everyday',
  'Premium',
  'Essential',
  'Modern',
  'Heritage',
  'Lightweight',
  'Deluxe',
  'Rugged',
  'Minimal',
  'Signature',
  'Urban',
  'Nordic',
  'Coastal',
  'Studio',
  'Pro',
  'Artisan',
];

export const LINES = [
  'Aster',
  'Birch',
  'Cobalt',
  'Drift',
  'Ember',
  'Fjord',
  'Granite',
  'Harbor',
  'Indigo',
  'Juniper',
  'Kestrel',
  'Linden',
  'Meridian',
  'Nimbus',
  'Orchard',
  'Pioneer',
  'Quarry',
  'Ridge',
  'Summit',
  'Tundra',
];

/** Finishes that large catalogues add to names, so 100,000 products still have distinct names. */
export const FINISHES = [
  'Sage',
  'Slate',
  'Sand',
  'Ochre',
  'Rust',
  'Navy',
  'Ivory',
  'Charcoal',
  'Olive',
  'Coral',
  'Teal',
  'Plum',
];

export const OPENINGS = [
  'Designed for daily use,',
  'Built to last,',
  'A customer favourite,',
  'Thoughtfully made,',
  'Made with care,',
  'Simple and dependable,',
];

export const CLOSINGS = [
  'Backed by a two-year warranty.',
  'Ships in recyclable packaging.',
  'Easy to clean and easy to store.',
  'A thoughtful gift for any occasion.',
  'Tested by our team before it reaches the shelf.',
  'Pairs well with the rest of the collection.',
];

export const CATEGORIES: CategorySpec[] = [
  {
    slug: 'electronics',
    name: 'Electronics',
    nouns: {
      Charger: [15, 45],
      'Power Bank': [25, 89],
      'Smart Plug': [12, 35],
      'USB Hub': [19, 79],
      'Cable Set': [9, 29],
    },
    qualities: ['fast charging', 'a braided cable', 'overcharge protection', 'an aluminium shell'],
    children: [
      {
        slug: 'audio',
        name: 'Audio',
        nouns: {
          Headphones: [59, 399],
          Earbuds: [39, 249],
          Speaker: [35, 299],
          Soundbar: [129, 599],
          Turntable: [149, 549],
        },
        qualities: ['rich bass', 'active noise cancelling', 'a 30-hour battery', 'Bluetooth 5.3'],
      },
      {
        slug: 'computers',
        name: 'Computers',
        nouns: {
          Keyboard: [35, 199],
          Mouse: [19, 129],
          Monitor: [149, 899],
          'Laptop Stand': [25, 89],
          Webcam: [39, 199],
        },
        qualities: [
          'a USB-C connection',
          'a quiet mechanism',
          'an adjustable height',
          'a 4K sensor',
        ],
      },
      {
        slug: 'phones',
        name: 'Phones & Accessories',
        nouns: {
          'Phone Case': [12, 49],
          'Screen Protector': [9, 29],
          'Car Mount': [15, 45],
          'Wireless Charger': [19, 79],
          'Phone Grip': [8, 25],
        },
        qualities: ['drop protection', 'a slim profile', 'MagSafe support', 'a matte finish'],
      },
    ],
  },
  {
    slug: 'kitchen',
    name: 'Kitchen',
    nouns: {
      'Chef Knife': [29, 189],
      'Cutting Board': [19, 89],
      'Mixing Bowl Set': [24, 79],
      Spatula: [8, 24],
      'Measuring Cups': [9, 29],
      Kettle: [29, 149],
    },
    qualities: [
      'dishwasher-safe parts',
      'a non-slip grip',
      'food-grade materials',
      'a stainless steel body',
    ],
    children: [
      {
        slug: 'cookware',
        name: 'Cookware',
        nouns: {
          'Frying Pan': [29, 149],
          Saucepan: [35, 159],
          'Dutch Oven': [69, 329],
          Wok: [35, 119],
          'Stock Pot': [45, 179],
        },
        qualities: [
          'a ceramic non-stick coating',
          'induction compatibility',
          'cast iron construction',
          'oven-safe handles',
        ],
      },
      {
        slug: 'coffee-tea',
        name: 'Coffee & Tea',
        nouns: {
          'French Press': [24, 69],
          'Pour-Over Set': [29, 89],
          'Burr Grinder': [49, 299],
          Teapot: [25, 99],
          'Espresso Cups': [15, 49],
        },
        qualities: [
          'a double-wall design',
          'borosilicate glass',
          'a precise grind setting',
          'a drip-free spout',
        ],
      },
    ],
  },
  {
    slug: 'home',
    name: 'Home',
    nouns: {
      'Throw Blanket': [35, 149],
      'Table Lamp': [39, 229],
      'Wall Clock': [25, 119],
      Vase: [19, 99],
      'Cushion Cover': [12, 45],
      'Storage Basket': [19, 69],
    },
    qualities: [
      'soft organic cotton',
      'a warm glow',
      'hand-finished details',
      'a timeless silhouette',
    ],
  },
  {
    slug: 'garden',
    name: 'Garden',
    nouns: {
      'Pruning Shears': [15, 59],
      'Watering Can': [14, 49],
      Planter: [12, 89],
      'Garden Hose': [25, 89],
      'Seed Starter Kit': [12, 39],
      Trowel: [8, 29],
    },
    qualities: [
      'rust-resistant steel',
      'UV-stable plastic',
      'an ergonomic handle',
      'drainage holes',
    ],
  },
  {
    slug: 'sports',
    name: 'Sports & Fitness',
    nouns: {
      'Yoga Mat': [25, 119],
      'Dumbbell Set': [49, 299],
      'Jump Rope': [9, 35],
      'Resistance Bands': [12, 39],
      'Water Bottle': [15, 45],
      'Foam Roller': [19, 59],
    },
    qualities: [
      'a non-slip surface',
      'sweat-resistant materials',
      'adjustable resistance',
      'a carry strap',
    ],
  },
  {
    slug: 'outdoors',
    name: 'Outdoors',
    nouns: {
      Tent: [129, 649],
      'Sleeping Bag': [59, 329],
      Headlamp: [19, 79],
      'Trekking Poles': [39, 169],
      'Camp Stove': [39, 149],
      Daypack: [45, 179],
    },
    qualities: [
      'weatherproof seams',
      'a packable design',
      'a long-lasting battery',
      'ripstop nylon',
    ],
  },
  {
    slug: 'clothing',
    name: 'Clothing',
    nouns: {
      'T-Shirt': [15, 45],
      Hoodie: [39, 99],
      'Rain Jacket': [79, 289],
      Chinos: [45, 119],
      'Wool Socks': [12, 29],
      Beanie: [15, 45],
    },
    qualities: ['breathable fabric', 'a relaxed fit', 'recycled fibres', 'reinforced seams'],
  },
  {
    slug: 'books',
    name: 'Books',
    nouns: {
      Cookbook: [19, 45],
      'Field Guide': [15, 35],
      Novel: [9, 29],
      'Travel Journal': [14, 39],
      Sketchbook: [9, 35],
      Atlas: [25, 79],
    },
    qualities: [
      'a lay-flat binding',
      'full-colour photography',
      'acid-free paper',
      'a cloth cover',
    ],
  },
  {
    slug: 'toys',
    name: 'Toys & Games',
    nouns: {
      Puzzle: [12, 39],
      'Building Blocks': [19, 129],
      'Board Game': [24, 79],
      'Plush Bear': [14, 49],
      Kite: [15, 59],
      'Card Game': [9, 25],
    },
    qualities: ['non-toxic paints', 'rounded edges', 'replayable fun', 'sustainable wood'],
  },
  {
    slug: 'beauty',
    name: 'Beauty',
    nouns: {
      'Face Serum': [19, 89],
      'Hand Cream': [8, 29],
      'Lip Balm': [4, 15],
      'Shampoo Bar': [9, 19],
      'Body Wash': [8, 25],
      Sunscreen: [12, 39],
    },
    qualities: ['natural ingredients', 'a light fragrance', 'no parabens', 'a refillable bottle'],
  },
  {
    slug: 'office',
    name: 'Office',
    nouns: {
      Notebook: [6, 29],
      'Desk Organizer': [15, 59],
      'Fountain Pen': [25, 189],
      'Desk Mat': [19, 59],
      'Task Chair': [149, 649],
      Bookends: [15, 49],
    },
    qualities: ['premium paper', 'a clutter-free layout', 'a smooth nib', 'an ergonomic shape'],
  },
  {
    slug: 'pets',
    name: 'Pets',
    nouns: {
      'Dog Bed': [39, 179],
      'Cat Tree': [59, 229],
      'Chew Toy': [6, 19],
      Leash: [12, 39],
      'Food Bowl': [9, 35],
      'Grooming Brush': [8, 29],
    },
    qualities: [
      'washable covers',
      'chew-resistant materials',
      'a non-slip base',
      'reflective stitching',
    ],
  },
];
