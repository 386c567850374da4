	a =   1
	b= 2   # c
		c    ={}
		d= [  ]
				e = [  ]
			f =   {   }


		g =  (1)
h   =    null

i=[1,2, 3]
j  = {a=1, b=2}
k =[  
	1, 2,
3
]
	l   = {

		a= 1,  b =    2
				}
			m = func()
n = func()
	o   =    func(1, 2)

p = func(
				1,
	2,
)
	q=true? {    a =1 } : { a=   2  }
r = [{}, {}]


s=    [[],  [ ]]
	t = {for k in [] : k =>   k}
	u=1.5e10
v= 0.1



	w=1e-5
