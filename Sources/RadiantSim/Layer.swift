public enum RadiantSimLayer {}
