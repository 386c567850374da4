/// random_pet's names: adverbs, an adjective and an animal, as golang-petname
/// builds them. The word lists are this project's own (shorter than golang-petname's
/// ~450 adjectives, ~250 adverbs and ~450 animals), so the same shapes come out
/// with a smaller vocabulary.
enum PetNames {
    static let adverbs: [String] = """
        ably actively amazingly boldly brightly briskly calmly carefully cheerfully clearly closely deeply \
        eagerly easily evenly fairly firmly freely fully gently gladly greatly happily highly honestly \
        kindly largely lightly likely loudly luckily mainly merely mildly mostly nearly neatly newly nicely \
        openly partly plainly politely promptly properly quickly quietly rapidly rarely readily really \
        safely sharply simply slowly smoothly softly solely steadily strongly surely swiftly tightly truly \
        usually vastly warmly widely wildly wisely
        """.split(separator: " ").map(String.init)

    static let adjectives: [String] = """
        able active adapted alert amazing amused apt aware balanced big bold brave bright busy calm capable \
        careful casual charmed cheerful civil classic clean clear clever close cool cosmic crisp curious \
        daring dear decent deep direct driven eager easy electric epic equal exact fair famous fancy fast \
        fine firm fit fleet fluent flying fond frank free fresh full funny game gentle giving glad golden \
        good grand great growing handy happy hardy helpful heroic honest hopeful huge humble ideal immune \
        joint just keen kind known large lasting leading legal light live loved loyal lucky magical main \
        major merry mighty modern modest moral musical mutual native natural neat new next nice noble \
        normal noted novel open patient perfect polite positive precise prime proper proud pure quick \
        quiet rapid rare ready real regular relaxed rich robust safe secure select sharp simple smart \
        smooth social solid sound special stable steady still strong sunny super sure sweet tender tidy \
        tight topical tough true trusted unique united upward useful valid vast vital warm welcome whole \
        willing wise witty worthy
        """.split(separator: " ").map(String.init)

    static let names: [String] = """
        ant ape bat bee boa bug cat cod cow doe dog eel elk emu fox gnu hen hog jay kid koi owl pig pug \
        ram rat yak bass bear bird boar bull calf clam colt crab crow deer dove duck fawn fish frog goat \
        gull hare hawk ibex kite kiwi lamb lark lion lynx mink mole moth mule newt orca pony puma seal \
        slug stag swan teal toad tuna wasp wolf worm wren adder bison camel cobra crane dingo eagle egret \
        finch gecko goose heron hippo horse hound koala lemur llama macaw moose mouse panda perch quail \
        raven rhino robin shark sheep shrew skunk sloth snail snake squid stork tapir tiger trout viper \
        whale zebra alpaca badger beagle beetle bobcat condor cougar coyote falcon ferret gopher hornet \
        iguana impala jackal jaguar kitten lizard magpie marmot monkey ocelot osprey oyster parrot pigeon \
        possum python rabbit salmon shrimp spider toucan turkey turtle walrus weasel wombat buffalo \
        cheetah dolphin gazelle giraffe gorilla hamster leopard lobster mallard manatee meerkat narwhal \
        octopus ostrich panther pelican penguin raccoon rooster sparrow tadpole wallaby aardvark antelope \
        bluebird chipmunk elephant flamingo hedgehog kangaroo mongoose platypus porpoise reindeer squirrel \
        starfish stingray tortoise
        """.split(separator: " ").map(String.init)

    static func generate<R: RandomNumberGenerator>(words: Int, separator: String, using rng: inout R) -> String {
        if words == 1 { return names.randomElement(using: &rng) ?? "pet" }
        var parts: [String] = []
        if words > 2 { for _ in 0..<(words - 2) { parts.append(adverbs.randomElement(using: &rng) ?? "") } }
        parts.append(adjectives.randomElement(using: &rng) ?? "")
        parts.append(names.randomElement(using: &rng) ?? "")
        return parts.joined(separator: separator)
    }
}
