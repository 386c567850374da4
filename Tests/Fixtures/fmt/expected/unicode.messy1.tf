locals {
  greeting = "héllo wörld"
  emoji    = "🚀 launch"
  cjk      = "日本語テキスト"
  ñame     = 1
  ascii    = 2
  ключ     = 3
}

resource "null_resource" "ünïcode" {

  triggers = {
    café  = "latte"
    naïve = "yes"
    x     = "✓"
  }
}

# Commentaire: éàü 漢字



